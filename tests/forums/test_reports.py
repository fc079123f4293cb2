"""Members report posts: who may, which posts, saying it kindly when they cannot or already
did, the support signposting after a report that someone may be at risk, and the post held
for a moderator once enough members have reported it."""

from django.test import Client

from wagtail.models import ModelLogEntry

import pytest

from forums import moderation
from forums.models import Post, Report, Topic
from members import roles

from ..home.markup import parse
from ..members.factories import approved_member, member_in
from .factories import BoardFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def report_url(board, post):
    return board.sub_url("report", args=[post.pk])


def topic_url(board, topic, query=""):
    return board.sub_url("topic", args=[topic.pk]) + query


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS)


@pytest.fixture
def topic(board, other_member):
    return TopicFactory(board=board, opening=other_member, opening__body="Night shifts are hard.")


@pytest.fixture
def post(topic):
    return topic.opening_post()


# Who may report what -----------------------------------------------------------------------


def test_member_sees_the_report_form_with_every_reason_and_a_detail_box(
    signed_in, board, member, post
):
    response = signed_in(member).get(report_url(board, post))

    assert response.status_code == 200
    page = parse(response)
    reasons = [radio["value"] for radio in page.select("input[type=radio][name=reason]")]
    assert reasons == list(Report.Reason.values)
    assert page.select_one("textarea[name=detail]") is not None
    assert "The writer is not told who reported their post" in page.get_text()
    assert page.select_one("[data-support]") is not None


def test_member_reports_a_post_and_is_thanked(signed_in, board, member, post):
    client = signed_in(member)

    response = client.post(
        report_url(board, post), {"reason": "unkind", "detail": "It mocks someone."}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason, report.detail) == (
        post,
        member,
        "unkind",
        "It mocks someone.",
    )
    followed = client.get(response["Location"])
    assert "Thank you. A moderator will look at it." in followed.content.decode()


def test_a_visitor_is_asked_to_sign_in_and_cannot_report_by_posting(client, board, post):
    response = client.get(report_url(board, post))
    assert response.status_code == 302
    assert "login" in response["Location"]

    response = client.post(report_url(board, post), {"reason": "spam"})

    assert response.status_code in (302, 403)
    assert not Report.objects.exists()


@pytest.mark.parametrize("person", ["pending", "declined", "suspended"])
def test_only_approved_members_can_report(signed_in, people, board, post, person):
    response = signed_in(people[person]).post(report_url(board, post), {"reason": "spam"})

    assert response.status_code == 403
    assert not Report.objects.exists()
    assert "Only approved members can report posts." in response.content.decode()


def test_a_member_cannot_report_their_own_post_and_is_told_why(
    signed_in, board, other_member, post
):
    response = signed_in(other_member).post(report_url(board, post), {"reason": "spam"})

    assert response.status_code == 403
    assert "This is your own post, so you cannot report it." in response.content.decode()
    assert not Report.objects.exists()


def test_a_post_of_another_board_is_not_found_here(signed_in, forum_index, board, member):
    elsewhere = BoardFactory(parent=forum_index, title="Elsewhere")
    theirs = TopicFactory(board=elsewhere).opening_post()

    response = signed_in(member).get(report_url(board, theirs))

    assert response.status_code == 404


def test_a_members_only_board_turns_away_those_who_cannot_read_it(
    signed_in, pending_member, member, members_board
):
    post = TopicFactory(board=members_board).opening_post()

    assert signed_in(pending_member).get(report_url(members_board, post)).status_code == 403
    assert signed_in(member).get(report_url(members_board, post)).status_code == 200


@pytest.mark.parametrize(
    "status", [Post.Status.HIDDEN, Post.Status.PENDING, Post.Status.DELETED, Post.Status.HELD]
)
def test_a_post_others_cannot_read_cannot_be_reported(signed_in, board, member, topic, status):
    post = PostFactory(topic=topic, status=status)

    response = signed_in(member).post(report_url(board, post), {"reason": "spam"})

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_reporting_twice_says_kindly_they_already_did(signed_in, board, member, post):
    client = signed_in(member)
    client.post(report_url(board, post), {"reason": "unkind"})

    again = client.get(report_url(board, post))
    posted_again = client.post(report_url(board, post), {"reason": "spam"}, follow=True)

    assert again.status_code == 200
    assert "You have reported this post" in again.content.decode()
    assert parse(again).select_one("form[data-report-form]") is None
    assert "You have already reported this post. Thank you." in posted_again.content.decode()
    assert Report.objects.count() == 1


def test_the_form_asks_for_a_reason_and_keeps_the_detail_under_1000_characters(
    signed_in, board, member, post
):
    client = signed_in(member)

    no_reason = client.post(report_url(board, post), {"detail": "Worrying."})
    too_long = client.post(report_url(board, post), {"reason": "other", "detail": "x" * 1001})

    assert "Choose the reason that fits best." in no_reason.content.decode()
    assert "up to 1000 characters" in too_long.content.decode()
    assert parse(too_long).select_one("textarea[name=detail]").get_text().strip() == "x" * 1001
    assert not Report.objects.exists()


def test_a_report_needs_the_forms_csrf_token(board, member, post):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    refused = client.post(report_url(board, post), {"reason": "spam"})
    form = client.get(report_url(board, post))
    token = parse(form).select_one("input[name=csrfmiddlewaretoken]")["value"]
    accepted = client.post(
        report_url(board, post), {"reason": "spam", "csrfmiddlewaretoken": token}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert Report.objects.count() == 1


def test_someone_at_risk_brings_the_support_signposting(signed_in, board, member, post):
    client = signed_in(member)

    response = client.post(report_url(board, post), {"reason": "risk"}, follow=True)

    page = parse(response)
    assert "Thank you. A moderator will look at it." in page.get_text()
    assert page.select_one("[data-at-risk]") is not None
    assert page.select_one("[data-support]") is not None


def test_the_writer_is_never_told_who_reported(signed_in, board, member, other_member, topic):
    signed_in(member).post(report_url(board, topic.opening_post()), {"reason": "unkind"})

    html = signed_in(other_member).get(topic_url(board, topic)).content.decode()

    assert "Jo Bloggs" not in html


# The Report link ----------------------------------------------------------------------------


def test_the_report_link_is_on_others_published_posts_for_approved_members(
    signed_in, people, board, member, other_member, topic
):
    mine = PostFactory(topic=topic, author=member)
    theirs = topic.opening_post()

    page = parse(signed_in(member).get(topic_url(board, topic)))
    links = {int(link["href"].split("/")[-3]): link for link in page.select("[data-report]")}

    assert set(links) == {theirs.pk}
    assert links[theirs.pk]["href"] == report_url(board, theirs)
    hidden = links[theirs.pk].select_one(".nhsuk-u-visually-hidden").get_text()
    assert "the post by Sam Rivers" in hidden
    assert mine.pk not in links
    for person in ("visitor", "pending", "suspended"):
        page = parse(signed_in(people[person]).get(topic_url(board, topic)))
        assert page.select("[data-report]") == [], person


# Enough reports hold the post ----------------------------------------------------------------


def report_by(board, post, reporters, client_for, reason="unkind"):
    for reporter in reporters:
        client_for(reporter).post(report_url(board, post), {"reason": reason})


def test_enough_reports_hold_the_post_for_everyone(
    signed_in, forum_settings, board, member, other_member, topic
):
    forum_settings.reports_to_hold = 2
    reply = PostFactory(topic=topic, author=other_member, body="Something hurtful.")
    reporters = [approved_member(), approved_member()]

    report_by(board, reply, reporters[:1], signed_in)
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED

    report_by(board, reply, reporters[1:], signed_in)

    reply.refresh_from_db()
    assert reply.status == Post.Status.HELD
    topic.refresh_from_db()
    assert topic.post_count == 1
    page = parse(signed_in(member).get(topic_url(board, topic)))
    held = page.select_one(f"#post-{reply.pk}")
    assert "This post is waiting for a moderator to look at it" in held.get_text()
    assert "Something hurtful." not in page.get_text()
    assert held.select_one("[data-writer]") is None
    quote = signed_in(member).get(board.sub_url("reply", args=[topic.pk]) + f"?quote={reply.pk}")
    assert "Something hurtful." not in quote.content.decode()
    assert ModelLogEntry.objects.filter(action="forums.hold", object_id=str(reply.pk)).exists()


def test_a_held_opening_post_takes_its_topic_off_the_board(
    signed_in, forum_settings, board, member, topic, post
):
    forum_settings.reports_to_hold = 1

    signed_in(member).post(report_url(board, post), {"reason": "spam"})

    row = parse(signed_in(member).get(board.url)).select_one(f"[data-topic='{topic.pk}']")
    assert row is None
    assert Topic.objects.get(pk=topic.pk).post_count == 0


def test_reports_a_moderator_closed_do_not_count_again(forum_settings, board, moderator, post):
    forum_settings.reports_to_hold = 2
    first = approved_member()
    moderation.report(post, first, reason="spam")
    moderation.dismiss_reports(post, moderator)

    moderation.report(post, approved_member(), reason="spam")

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def test_a_report_of_an_erased_member_still_counts(forum_settings, board, post):
    forum_settings.reports_to_hold = 2
    gone = approved_member()
    moderation.report(post, gone, reason="spam")
    Report.objects.filter(reporter=gone).update(reporter=None)

    moderation.report(post, approved_member(), reason="spam")

    post.refresh_from_db()
    assert post.status == Post.Status.HELD


def test_a_second_report_by_the_same_member_raises_and_saves_nothing(post, member):
    moderation.report(post, member, reason="spam")

    with pytest.raises(moderation.AlreadyReported):
        moderation.report(post, member, reason="other")

    assert Report.objects.count() == 1


def test_the_audit_log_counts_reports_without_naming_who_made_them(post, member):
    moderation.report(post, member, reason="risk")

    entry = ModelLogEntry.objects.get(action="forums.report")
    assert entry.user is None
    assert entry.data == {"reason": "risk", "reports": 1}
    assert "Night shifts" not in entry.label
    assert entry.object_id == str(post.pk)
