"""Members taking part in a consensus study (/consensus/): who may open each page, rating a
round and coming back to it, the autosave endpoint, bad input answered kindly (never a
500), the group's previous result shown only from enough raters, withdrawing, and the
round page's query count."""

import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse
from django.utils import timezone

import pytest

from consensus import rounds
from consensus import urls as consensus_urls
from consensus.models import Participant, Rating, Round, Study

from ..members.factories import approved_member
from .factories import RoundFactory, SectionFactory, StatementFactory, StudyFactory

NOW = timezone.now()


# Set-up -----------------------------------------------------------------------------------


@pytest.fixture
def open_round(study):
    round = RoundFactory(study=study, number=1)
    rounds.open_round(round)
    return round


@pytest.fixture
def asked(open_round):
    """The open round's statements, in the order the page shows them."""
    return sorted(
        open_round.asked.select_related("statement__section"),
        key=lambda item: (item.statement.section.sort_order, item.statement.sort_order),
    )


@pytest.fixture
def panel_member(db):
    return approved_member()


@pytest.fixture
def panel_study(panel_member):
    study = StudyFactory(slug="panel", audience=Study.Audience.PANEL, panel=[panel_member])
    StatementFactory(section=SectionFactory(study=study))
    round = RoundFactory(study=study, number=1)
    rounds.open_round(round)
    return study


def study_url(study):
    return reverse("consensus:study", args=[study.slug])


def round_url(study, number=1):
    return reverse("consensus:round", args=[study.slug, number])


def save_url(study, number=1):
    return reverse("consensus:round_save", args=[study.slug, number])


def withdraw_url(study):
    return reverse("consensus:withdraw", args=[study.slug])


def rating_of(member, item):
    return Rating.objects.filter(participant__member=member, asked=item).first()


def block(html, item):
    """The page's markup for one statement: its fieldset, the round before, its comment."""
    start = html.index(f'id="statement-{item.pk}"')
    return html[start : html.index("data-autosave-status", start)]


def make_study(statements):
    study = StudyFactory()
    section = SectionFactory(study=study, sort_order=1)
    for number in range(statements):
        StatementFactory(section=section, text=f"Statement {number + 1}", sort_order=number)
    return study


# Who may open what --------------------------------------------------------------------------

URLS = ["studies", "study", "round", "round_save", "withdraw"]


def url_for(name, study):
    if name == "studies":
        return reverse("consensus:studies")
    return {"study": study_url, "round": round_url, "round_save": save_url}.get(
        name, withdraw_url
    )(study)


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("visitor", 302),
        ("pending", 403),
        ("declined", 403),
        ("suspended", 403),
        ("member", 200),
        ("editor", 200),
    ],
)
def test_only_approved_members_open_the_consensus_pages(
    signed_in, people, asked, study, name, person, expected
):
    client = signed_in(people[person])
    url = url_for(name, study)
    if name == "round_save":
        response = client.post(url, {"statement": asked[0].pk, "rating": "7"})
    else:
        response = client.get(url)
    assert response.status_code == expected
    if person == "visitor":
        assert "/accounts/login/" in response["Location"]
    if expected != 200:
        assert not Rating.objects.exists()
        assert not Participant.objects.exists()


@pytest.mark.parametrize("name", URLS)
def test_a_panel_study_is_not_found_by_a_member_not_invited(signed_in, member, panel_study, name):
    client = signed_in(member)
    url = url_for(name, panel_study)
    if name == "studies":
        response = client.get(url)
        assert response.status_code == 200
        assert panel_study.title not in response.text
        return
    item = panel_study.rounds.get().asked.get()
    if name == "round_save":
        response = client.post(url, {"statement": item.pk, "rating": "7"})
    else:
        response = client.get(url)
    assert response.status_code == 404
    assert not Rating.objects.exists()


@pytest.mark.parametrize("name", ["study", "round", "withdraw"])
def test_an_invited_panel_member_opens_the_panel_study(signed_in, panel_member, panel_study, name):
    response = signed_in(panel_member).get(url_for(name, panel_study))
    assert response.status_code == 200
    listing = signed_in(panel_member).get(reverse("consensus:studies"))
    assert panel_study.title in listing.text


def test_there_is_no_url_with_a_rating_or_a_participant_id():
    for pattern in consensus_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        assert set(pattern.pattern.converters) <= {"slug", "number"}


def test_a_round_that_does_not_exist_is_not_found(signed_in, member, open_round, study):
    assert signed_in(member).get(round_url(study, 9)).status_code == 404


def test_the_save_endpoint_takes_only_post(signed_in, member, open_round, study):
    assert signed_in(member).get(save_url(study)).status_code == 405


# The listing and the study's page --------------------------------------------------------------


def test_the_listing_says_where_each_study_stands(signed_in, member, open_round, study):
    between = StudyFactory(title="Between rounds study")
    RoundFactory(
        study=between, number=1, opens_at=NOW - timedelta(days=20), closes_at=NOW - timedelta(10)
    )
    RoundFactory(
        study=between, number=2, opens_at=NOW + timedelta(days=3), closes_at=NOW + timedelta(9)
    )
    finished = StudyFactory(title="Finished study")
    rounds.close_round(
        RoundFactory(
            study=finished,
            number=1,
            opens_at=NOW - timedelta(days=20),
            closes_at=NOW - timedelta(days=10),
        )
    )
    rounds.finish(finished)  # the editors say no more rounds follow

    response = signed_in(member).get(reverse("consensus:studies"))

    html = response.text
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    open_item = html[html.index(f'data-study="{study.slug}"') :]
    assert 'data-state="open"' in open_item[:600]
    assert "Round 1 is open until" in open_item[:600]
    between_item = html[html.index(f'data-study="{between.slug}"') :]
    assert 'data-state="between"' in between_item[:600]
    assert "Round 2 opens on" in between_item[:600]
    finished_item = html[html.index(f'data-study="{finished.slug}"') :]
    assert 'data-state="finished"' in finished_item[:600]


def test_the_study_page_explains_the_study_and_links_to_the_open_round(
    signed_in, member, open_round, study
):
    response = signed_in(member).get(study_url(study))

    html = response.text
    assert response.status_code == 200
    assert study.purpose in html
    assert "1 to 3: you disagree" in html
    assert "7 to 9: you agree" in html
    assert "at least 70% of those with an opinion" in html
    assert "Nobody sees your individual ratings" in html
    assert "without names" in html
    assert withdraw_url(study) in html
    assert f'href="{round_url(study)}" data-take-part' in html
    assert 'data-round="1"' in html


def test_a_study_with_no_open_round_has_no_button(signed_in, member, study):
    RoundFactory(study=study, opens_at=NOW + timedelta(days=2), closes_at=NOW + timedelta(9))

    response = signed_in(member).get(study_url(study))

    assert response.status_code == 200
    assert "data-take-part" not in response.text
    assert "The first round opens on" in response.text


# Rating, and coming back --------------------------------------------------------------------


def test_the_round_page_shows_every_statement_by_section_with_its_scale(
    signed_in, member, asked, study
):
    response = signed_in(member).get(round_url(study))

    html = response.text
    assert response.status_code == 200
    assert html.index("Section 1") < html.index("Statement 1.1") < html.index("Section 2")
    assert html.index("Statement 1.3") < html.index("Statement 2.1")
    statement = block(html, asked[0])
    assert "1 – disagree strongly" in statement
    assert "5 – unsure" in statement
    assert "9 – agree strongly" in statement
    assert 'value="none"' in statement and "No opinion" in statement
    assert 'maxlength="2000"' in statement
    assert "autosave.js" in html
    assert "<script>" not in html


def test_a_member_rates_and_coming_back_sees_their_answers(signed_in, member, asked, study):
    client = signed_in(member)

    response = client.post(
        round_url(study),
        {
            f"rating-{asked[0].pk}": "8",
            f"comment-{asked[0].pk}": "Safety comes first.",
            f"rating-{asked[1].pk}": "none",
            "action": "save",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "There are 4 statements left to rate" in response.text
    assert rating_of(member, asked[0]).value == 8
    assert rating_of(member, asked[0]).comment == "Safety comes first."
    assert rating_of(member, asked[1]).value is None
    html = client.get(round_url(study)).text
    assert re.search(rf'name="rating-{asked[0].pk}" type="radio" value="8" checked', html)
    assert re.search(rf'name="rating-{asked[1].pk}" type="radio" value="none" checked', html)
    assert "Safety comes first." in block(html, asked[0])
    assert "checked" not in block(html, asked[2])
    assert "You have rated 2 of 6 statements." in html


def test_save_and_come_back_later_goes_to_the_study_page(signed_in, member, asked, study):
    response = signed_in(member).post(
        round_url(study), {f"rating-{asked[0].pk}": "3", "action": "later"}
    )

    assert response.status_code == 302
    assert response["Location"] == study_url(study)
    assert rating_of(member, asked[0]).value == 3
    page = signed_in(member).get(study_url(study))
    assert "Carry on with round 1" in page.text


def test_two_saves_of_one_statement_keep_one_rating(signed_in, member, asked, study):
    client = signed_in(member)

    client.post(round_url(study), {f"rating-{asked[0].pk}": "4"})
    client.post(round_url(study), {f"rating-{asked[0].pk}": "9"})
    client.post(save_url(study), {"statement": asked[0].pk, "rating": "6"})

    assert Rating.objects.filter(asked=asked[0]).count() == 1
    assert rating_of(member, asked[0]).value == 6
    assert Participant.objects.filter(member=member).count() == 1


@pytest.mark.parametrize("bad", ["10", "0", "seven", "-1", "7.0"])
def test_a_rating_off_the_scale_is_an_error_and_nothing_typed_is_lost(
    signed_in, member, asked, study, bad
):
    response = signed_in(member).post(
        round_url(study),
        {
            f"rating-{asked[0].pk}": bad,
            f"comment-{asked[0].pk}": "My careful comment",
            f"rating-{asked[1].pk}": "7",
        },
    )

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Choose a rating from 1 to 9" in block(response.text, asked[0])
    assert "My careful comment" in block(response.text, asked[0])
    assert rating_of(member, asked[0]) is None
    # The statement answered well is kept all the same.
    assert rating_of(member, asked[1]).value == 7
    assert "We saved 1 answer." in response.text
    assert f'href="#id_rating-{asked[0].pk}_0"' in response.text


def test_a_comment_needs_a_rating_and_is_kept_meanwhile(signed_in, member, asked, study):
    response = signed_in(member).post(
        round_url(study), {f"comment-{asked[0].pk}": "Not sure how to rate this."}
    )

    assert response.status_code == 400
    assert "so that we can keep your comment" in response.text
    assert "Not sure how to rate this." in response.text
    assert not Rating.objects.exists()


def test_a_comment_over_2000_characters_is_an_error(signed_in, member, asked, study):
    response = signed_in(member).post(
        round_url(study),
        {f"rating-{asked[0].pk}": "5", f"comment-{asked[0].pk}": "x" * 2001},
    )

    assert response.status_code == 400
    assert "2,000 characters or fewer" in response.text
    assert not Rating.objects.exists()


def test_answers_for_statements_of_another_study_are_ignored(signed_in, member, asked, study):
    other = make_study(1)
    other_round = RoundFactory(study=other, number=1)
    other_item = rounds.open_round(other_round)[0]

    response = signed_in(member).post(
        round_url(study), {f"rating-{other_item.pk}": "9", f"rating-{asked[0].pk}": "2"}
    )

    assert response.status_code == 302
    assert not Rating.objects.filter(asked=other_item).exists()
    assert rating_of(member, asked[0]).value == 2


# The autosave endpoint ------------------------------------------------------------------------


def test_autosave_keeps_one_statement_and_answers_in_json(signed_in, member, asked, study):
    response = signed_in(member).post(
        save_url(study), {"statement": asked[2].pk, "rating": "7", "comment": " Yes. "}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"saved": True, "left": 5, "message": "Saved. 5 left to rate."}
    assert rating_of(member, asked[2]).value == 7
    assert rating_of(member, asked[2]).comment == "Yes."


def test_autosave_needs_the_csrf_token(member, asked, study):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    refused = client.post(save_url(study), {"statement": asked[0].pk, "rating": "7"})

    assert refused.status_code == 403
    assert not Rating.objects.exists()
    page = client.get(round_url(study))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    accepted = client.post(
        save_url(study), {"statement": asked[0].pk, "rating": "7", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 200
    assert rating_of(member, asked[0]).value == 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "10"}, "Choose a rating from 1 to 9"),
        ({"rating": "0"}, "Choose a rating from 1 to 9"),
        ({"rating": "abc"}, "Choose a rating from 1 to 9"),
        ({"rating": ""}, "Choose a rating from 1 to 9"),
        ({"statement": "abc"}, "not in this round"),
        ({"statement": ""}, "not in this round"),
        ({"statement": "999999"}, "not in this round"),
        ({"comment": "x" * 2001}, "2,000 characters"),
    ],
)
def test_autosave_answers_bad_values_with_400_and_a_message(
    signed_in, member, asked, study, data, message
):
    response = signed_in(member).post(
        save_url(study), {"statement": asked[0].pk, "rating": "7", **data}
    )

    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert message in response.json()["message"]
    assert not Rating.objects.exists()


def test_autosave_refuses_a_statement_from_another_round_or_study(signed_in, member, asked, study):
    other = make_study(1)
    other_item = rounds.open_round(RoundFactory(study=other, number=1))[0]
    earlier = Round.objects.create(
        study=study, number=0, opens_at=NOW - timedelta(days=9), closes_at=NOW - timedelta(8)
    )
    earlier_item = rounds.open_round(earlier)[0]
    client = signed_in(member)

    for item in (other_item, earlier_item):
        response = client.post(save_url(study), {"statement": item.pk, "rating": "7"})
        assert response.status_code == 400
        assert "not in this round" in response.json()["message"]
    assert not Rating.objects.exists()


# Rounds that are not open ---------------------------------------------------------------------


def test_a_closed_round_says_so_and_saves_nothing(signed_in, member, asked, open_round, study):
    client = signed_in(member)
    client.post(round_url(study), {f"rating-{asked[0].pk}": "5"})
    rounds.close_round(open_round)

    page = client.get(round_url(study))
    posted = client.post(round_url(study), {f"rating-{asked[0].pk}": "9"})
    autosaved = client.post(save_url(study), {"statement": asked[0].pk, "rating": "9"})

    assert page.status_code == 200
    assert "Round 1 has closed" in page.text
    assert f'href="{study_url(study)}"' in page.text
    assert posted.status_code == 409
    assert "was not saved" in posted.text
    assert autosaved.status_code == 409
    assert "closed" in autosaved.json()["message"]
    assert rating_of(member, asked[0]).value == 5


def test_a_round_past_its_closing_time_is_closed_before_the_timer_runs(
    signed_in, member, asked, open_round, study
):
    Round.objects.filter(pk=open_round.pk).update(
        opens_at=NOW - timedelta(days=9), closes_at=NOW - timedelta(minutes=1)
    )

    response = signed_in(member).post(round_url(study), {f"rating-{asked[0].pk}": "5"})

    assert response.status_code == 409
    assert "Round 1 has closed" in response.text
    assert not Rating.objects.exists()


def test_a_round_not_open_yet_says_when_it_opens(signed_in, member, study):
    RoundFactory(study=study, opens_at=NOW + timedelta(days=2), closes_at=NOW + timedelta(9))
    client = signed_in(member)

    page = client.get(round_url(study))
    autosaved = client.post(save_url(study), {"statement": 1, "rating": "5"})

    assert page.status_code == 200
    assert "Round 1 is not open yet" in page.text
    assert autosaved.status_code == 409
    assert "not opened yet" in autosaved.json()["message"]
    assert not Rating.objects.exists()


# Round 2: the group's result, and one's own ---------------------------------------------------


def test_round_two_shows_the_group_result_from_five_raters_and_the_own_rating(
    signed_in, member, study
):
    first = RoundFactory(
        study=study,
        number=1,
        opens_at=NOW - timedelta(days=20),
        closes_at=NOW - timedelta(days=10),
    )
    during = NOW - timedelta(days=15)
    asked_then = {item.statement.text: item for item in rounds.open_round(first)}
    shown, hidden = asked_then["Statement 1.1"], asked_then["Statement 1.2"]
    own = Participant.objects.create(study=study, member=member)
    rounds.save_rating(own, shown, 6, now=during)
    rounds.save_rating(own, hidden, 2, now=during)
    for value in (4, 5, 6, 7, 8):
        other = Participant.objects.create(study=study, member=approved_member())
        rounds.save_rating(other, shown, value, now=during)
        if value < 7:
            rounds.save_rating(other, hidden, value, now=during)
    rounds.close_round(first)
    second = RoundFactory(study=study, number=2)
    now_asked = {item.statement_id: item for item in rounds.open_round(second)}

    response = signed_in(member).get(round_url(study, 2))

    assert response.status_code == 200
    html = response.text
    # 4 5 6 6 7 8: median 6, quartiles 5.25 and 6.75, 2 of 6 agree.
    with_result = block(html, now_asked[shown.statement_id])
    assert "the group's middle rating (the median) was 6." in with_result
    assert "between 5.25 and 6.75" in with_result
    assert "33% agreed (rated it 7 to 9)" in with_result
    assert "6 people gave an opinion" in with_result
    assert "data-distribution" in with_result
    assert "You rated it 6 in round 1." in with_result
    # Only 4 people rated it: no result.
    without = block(html, now_asked[hidden.statement_id])
    assert "Fewer than 5 people gave an opinion" in without
    assert "median" not in without
    assert "data-distribution" not in without
    assert "You rated it 2 in round 1." in without
    # Nobody rated it then.
    unrated = block(html, now_asked[asked_then["Statement 1.3"].statement_id])
    assert "You did not rate it in round 1." in unrated
    # Round 2's own answers start empty.
    assert "checked" not in with_result


def test_round_one_shows_no_previous_result(signed_in, member, asked, study):
    html = signed_in(member).get(round_url(study)).text
    assert "data-previous" not in html


# Withdrawing ---------------------------------------------------------------------------------


def test_withdrawing_explains_then_deletes_the_ratings_and_stops_rating(
    signed_in, member, asked, study
):
    client = signed_in(member)
    client.post(round_url(study), {f"rating-{asked[0].pk}": "8", f"comment-{asked[0].pk}": "Hi"})
    other = Participant.objects.create(study=study, member=approved_member())
    rounds.save_rating(other, asked[0], 3)

    confirm = client.get(withdraw_url(study))
    done = client.post(withdraw_url(study), follow=True)

    assert confirm.status_code == 200
    assert "your ratings and comments, in every round, are deleted" in confirm.text
    assert "nothing in them can identify you" in confirm.text
    assert done.status_code == 200
    assert "You have left the study" in done.text
    assert "data-take-part" not in done.text
    assert rating_of(member, asked[0]) is None
    assert Rating.objects.filter(participant=other).count() == 1
    page = client.get(round_url(study))
    posted = client.post(round_url(study), {f"rating-{asked[1].pk}": "8"})
    autosaved = client.post(save_url(study), {"statement": asked[1].pk, "rating": "8"})
    assert "You have left this study" in page.text
    assert posted.status_code == 403
    assert autosaved.status_code == 403
    assert not Rating.objects.filter(participant__member=member).exists()


def test_someone_who_never_rated_may_leave_too(signed_in, member, asked, study):
    client = signed_in(member)

    client.post(withdraw_url(study))

    assert Participant.objects.get(member=member).withdrawn_at is not None
    response = client.post(save_url(study), {"statement": asked[0].pk, "rating": "8"})
    assert response.status_code == 403


# Query count ---------------------------------------------------------------------------------


def round_two_with(statements, member):
    """A study of `statements` statements: round 1 closed with the member's ratings, round 2
    open with some of theirs."""
    study = make_study(statements)
    first = RoundFactory(
        study=study, number=1, opens_at=NOW - timedelta(days=20), closes_at=NOW - timedelta(10)
    )
    participant = Participant.objects.create(study=study, member=member)
    for item in rounds.open_round(first):
        rounds.save_rating(participant, item, 5, now=NOW - timedelta(days=15))
    rounds.close_round(first)
    second = RoundFactory(study=study, number=2)
    for item in rounds.open_round(second)[:3]:
        rounds.save_rating(participant, item, 6, "A comment")
    return study


def test_the_round_page_query_count_does_not_grow_with_statements(
    signed_in, member, django_assert_num_queries
):
    client = signed_in(member)
    small, large = round_two_with(6, member), round_two_with(12, member)
    for study in (small, large):
        assert client.get(round_url(study, 2)).status_code == 200

    with CaptureQueriesContext(connection) as six:
        assert client.get(round_url(small, 2)).status_code == 200
    with django_assert_num_queries(len(six.captured_queries)):
        response = client.get(round_url(large, 2))

    assert response.text.count("data-statement=") == 12


def test_the_listing_query_count_does_not_grow_with_studies(
    signed_in, member, django_assert_num_queries
):
    client = signed_in(member)

    def add_studies(count):
        for _ in range(count):
            study = make_study(2)
            rounds.open_round(RoundFactory(study=study, number=1))
            Participant.objects.create(study=study, member=member)

    add_studies(2)
    client.get(reverse("consensus:studies"))
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("consensus:studies"))
    add_studies(3)
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(reverse("consensus:studies"))

    assert response.text.count("data-study=") == 5
