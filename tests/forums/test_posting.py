"""Members post in the forums: topics, replies, quotes, edits, deletes, reactions, pseudonyms,
content notes, and forms that keep what was typed when something needs fixing."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

import pytest

from forums.markdown import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from forums.models import ForumIdentity, Post, PostRevision, Reaction, Topic
from home.models import SafetySettings, SupportMessage

from ..home.markup import parse
from .factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def topic_url(board, topic, query=""):
    return board.sub_url("topic", args=[topic.pk]) + query


def posted_texts(soup):
    return [body.get_text(" ", strip=True) for body in soup.select("[data-body]")]


# Starting a topic and replying -------------------------------------------------------------


def test_member_starts_a_topic_and_sees_it_on_the_board(signed_in, board, member):
    client = signed_in(member)

    response = client.post(
        board.sub_url("new_topic"),
        {"title": "Handovers after a hard shift", "body": "How do *you* hand over?"},
    )

    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(topic_url(board, topic))
    page = parse(client.get(topic_url(board, topic)))
    assert page.h1.get_text() == "Handovers after a hard shift"
    assert posted_texts(page) == ["How do you hand over?"]
    assert page.select_one("[data-body] em").get_text() == "you"
    row = parse(client.get(board.url)).select_one(f"[data-topic='{topic.pk}']")
    assert "Handovers after a hard shift" in row.get_text()
    assert "Started by Jo Bloggs" in row.get_text()
    assert "0 replies" in row.get_text()


def test_a_reply_comes_after_the_posts_before_it_and_counts_on_the_board(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board, opening=member, opening__body="What helps you?")
    client = signed_in(other_member)

    response = client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Walking home."})

    reply = Post.objects.get(author=other_member)
    assert response["Location"].endswith(f"#post-{reply.pk}")
    page = parse(client.get(topic_url(board, topic)))
    assert posted_texts(page) == ["What helps you?", "Walking home."]
    topic.refresh_from_db()
    assert topic.post_count == 2
    assert topic.last_activity_at == reply.created_at
    row = parse(client.get(board.url)).select_one(f"[data-topic='{topic.pk}']")
    assert "1 reply" in row.select_one("[data-replies]").get_text()


def test_quote_starts_the_reply_with_the_post_quoted_and_in_reply_to_it(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board, opening=other_member, opening__body="Line one\n\nLine two")
    opening = topic.opening_post()
    client = signed_in(member)
    quote_link = parse(client.get(topic_url(board, topic))).select_one("[data-quote]")["href"]

    form = parse(client.get(quote_link))

    assert form.select_one("textarea[name=body]").get_text().strip() == (
        "> Line one\n>\n> Line two"
    )
    assert form.select_one("input[name=in_reply_to]")["value"] == str(opening.pk)
    assert "In reply to Sam Rivers" in form.select_one("[data-replying-to]").get_text()


def test_a_reply_says_which_post_it_answers_and_links_to_it(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board, opening=other_member)
    opening = topic.opening_post()
    client = signed_in(member)

    client.post(
        board.sub_url("reply", args=[topic.pk]),
        {"body": "> You said this\n\nAnd I agree.", "in_reply_to": str(opening.pk)},
    )

    reply = Post.objects.get(author=member)
    assert reply.in_reply_to == opening
    link = parse(client.get(topic_url(board, topic))).select_one(
        f"#post-{reply.pk} [data-in-reply-to]"
    )
    assert link.get_text(strip=True) == "In reply to Sam Rivers"
    assert link["href"] == f"#post-{opening.pk}"
    assert "<blockquote>" in reply.body_html


def test_in_reply_to_a_post_of_another_topic_is_ignored(signed_in, board, member):
    elsewhere = TopicFactory(board=board).opening_post()
    topic = TopicFactory(board=board)

    signed_in(member).post(
        board.sub_url("reply", args=[topic.pk]),
        {"body": "Hello", "in_reply_to": str(elsewhere.pk)},
    )

    assert Post.objects.get(author=member).in_reply_to is None


def test_in_reply_to_a_post_on_an_earlier_page_links_to_where_that_post_is(
    signed_in, board, member
):
    topic = TopicFactory(board=board)
    first = topic.opening_post()
    for _n in range(20):
        PostFactory(topic=topic)
    reply = PostFactory(topic=topic, author=member, in_reply_to=first)
    client = signed_in(member)

    link = parse(client.get(topic_url(board, topic, "?page=2"))).select_one(
        f"#post-{reply.pk} [data-in-reply-to]"
    )
    landing = client.get(link["href"])

    assert landing["Location"] == topic_url(board, topic) + f"#post-{first.pk}"


# Editing and deleting ----------------------------------------------------------------------


def test_editing_a_post_keeps_the_earlier_version(signed_in, board, member):
    topic = TopicFactory(board=board)
    post = PostFactory(topic=topic, author=member, body="First thoughts")
    client = signed_in(member)
    form = parse(client.get(board.sub_url("edit", args=[post.pk])))
    assert form.select_one("textarea[name=body]").get_text().strip() == "First thoughts"

    client.post(board.sub_url("edit", args=[post.pk]), {"body": "Second thoughts"})
    client.post(board.sub_url("edit", args=[post.pk]), {"body": "Third thoughts"})

    post.refresh_from_db()
    assert post.body == "Third thoughts"
    assert post.edited_at is not None
    assert list(post.revisions.values_list("body", flat=True)) == [
        "Second thoughts",
        "First thoughts",
    ]
    shown = parse(client.get(topic_url(board, topic))).select_one(f"#post-{post.pk}")
    assert "Third thoughts" in shown.get_text()
    assert "Edited" in shown.get_text()


def test_saving_an_edit_that_changes_nothing_keeps_no_revision(signed_in, board, member):
    topic = TopicFactory(board=board, opening=member, opening__body="Same")
    post = topic.opening_post()

    signed_in(member).post(
        board.sub_url("edit", args=[post.pk]), {"title": topic.title, "body": "Same"}
    )

    assert not PostRevision.objects.exists()


def test_editing_the_opening_post_changes_the_topics_content_note(signed_in, board, member):
    topic = TopicFactory(board=board, opening=member)
    post = topic.opening_post()

    signed_in(member).post(
        board.sub_url("edit", args=[post.pk]),
        {"title": topic.title, "body": post.body, "content_note": "grief"},
    )

    topic.refresh_from_db()
    assert topic.content_note == "grief"
    assert PostRevision.objects.get(post=post).content_note == ""


def test_deleting_a_post_leaves_a_placeholder_without_its_text(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board, opening=other_member)
    post = PostFactory(topic=topic, author=member, body="Something I regret")
    client = signed_in(member)
    confirm = parse(client.get(board.sub_url("delete", args=[post.pk])))
    assert confirm.h1.get_text(" ", strip=True).endswith("Delete your post?")

    client.post(board.sub_url("delete", args=[post.pk]))

    post.refresh_from_db()
    assert post.status == Post.Status.DELETED
    assert post.deleted_at is not None
    assert Post.objects.filter(pk=post.pk).exists()
    topic.refresh_from_db()
    assert topic.post_count == 1
    for reader in (other_member, None):
        html = signed_in(reader).get(topic_url(board, topic)).content.decode()
        assert "Something I regret" not in html
        assert "This post was deleted by its writer" in html


def test_deleting_the_only_post_of_a_topic_takes_it_off_the_board(signed_in, board, member):
    topic = TopicFactory(board=board, opening=member, title="Never mind")
    client = signed_in(member)

    response = client.post(board.sub_url("delete", args=[topic.opening_post().pk]))

    assert response["Location"] == board.url
    assert "Never mind" not in client.get(board.url).content.decode()


# Reactions ---------------------------------------------------------------------------------


def reaction_counts(client, board, topic, post):
    card = parse(client.get(topic_url(board, topic))).select_one(f"#post-{post.pk}")
    return {
        button["data-reaction"]: (
            int(button.select_one("[data-count]").get_text()),
            button.get("aria-pressed"),
        )
        for button in card.select("[data-reaction]")
    }


def test_reactions_are_counted_from_each_member_and_a_second_click_takes_one_back(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board)
    post = topic.opening_post()
    react = board.sub_url("react", args=[post.pk])
    signed_in(other_member).post(react, {"kind": "thank_you"})
    client = signed_in(member)

    client.post(react, {"kind": "thank_you"})
    client.post(react, {"kind": "support"})
    assert reaction_counts(client, board, topic, post) == {
        "thank_you": (2, "true"),
        "helpful": (0, "false"),
        "support": (1, "true"),
        "agree": (0, "false"),
    }

    client.post(react, {"kind": "thank_you"})
    assert reaction_counts(client, board, topic, post)["thank_you"] == (1, "false")
    assert Reaction.objects.filter(post=post).count() == 2


def test_a_visitor_sees_reaction_counts_without_buttons(signed_in, board, member):
    topic = TopicFactory(board=board)
    post = topic.opening_post()
    signed_in(member).post(board.sub_url("react", args=[post.pk]), {"kind": "helpful"})

    card = parse(signed_in(None).get(topic_url(board, topic))).select_one(f"#post-{post.pk}")

    assert not card.select("button")
    assert card.select_one("[data-reactions]").get_text(" ", strip=True) == "Helpful 1"


def test_an_unknown_reaction_is_refused_without_a_row(signed_in, board, member):
    post = TopicFactory(board=board).opening_post()

    response = signed_in(member).post(board.sub_url("react", args=[post.pk]), {"kind": "love"})

    assert response.status_code == 400
    assert not Reaction.objects.exists()


# Lengths, hidden characters, forms that keep what was typed ---------------------------------


def test_a_title_over_the_limit_is_refused_saying_the_limit(signed_in, board, member):
    response = signed_in(member).post(
        board.sub_url("new_topic"), {"title": "x" * (MAX_TITLE_LENGTH + 1), "body": "Hi"}
    )

    assert not Topic.objects.exists()
    summary = parse(response).select_one(".nhsuk-error-summary").get_text()
    assert f"up to {MAX_TITLE_LENGTH} characters" in summary


def test_a_post_over_the_limit_is_refused_and_kept_in_the_form(signed_in, board, member):
    topic = TopicFactory(board=board)
    long_text = "word " * (MAX_BODY_LENGTH // 5) + "more"

    response = signed_in(member).post(board.sub_url("reply", args=[topic.pk]), {"body": long_text})

    assert Post.objects.count() == 1
    page = parse(response)
    assert f"up to {MAX_BODY_LENGTH} characters" in page.select_one(".nhsuk-error-summary").text
    assert page.select_one("textarea[name=body]").get_text().strip() == long_text.strip()


def test_control_and_direction_characters_are_taken_out_of_titles(signed_in, board, member):
    signed_in(member).post(
        board.sub_url("new_topic"),
        {"title": "Safe\u202egnp.exe\u0007 title\u200b", "body": "Body"},
    )

    assert Topic.objects.get().title == "Safegnp.exe title"


def test_a_title_of_only_hidden_characters_is_refused(signed_in, board, member):
    response = signed_in(member).post(
        board.sub_url("new_topic"), {"title": "\u202e\u200b\u2066", "body": "Body"}
    )

    assert not Topic.objects.exists()
    assert "Give your topic a title." in parse(response).select_one(".nhsuk-error-summary").text


def test_a_topic_form_sent_back_keeps_everything_typed(signed_in, board, member):
    response = signed_in(member).post(
        board.sub_url("new_topic"),
        {"title": "", "body": "All I wrote tonight", "content_note": "bereavement"},
    )

    page = parse(response)
    assert response.status_code == 200
    assert page.title.get_text().startswith("Error:")
    assert page.select_one("textarea[name=body]").get_text().strip() == "All I wrote tonight"
    assert page.select_one("input[name=content_note]")["value"] == "bereavement"
    assert page.select_one(".nhsuk-error-summary a")["href"] == "#id_title"


def test_a_reply_sent_back_keeps_the_post_it_answers(signed_in, board, member, other_member):
    topic = TopicFactory(board=board, opening=other_member)
    opening = topic.opening_post()

    page = parse(
        signed_in(member).post(
            board.sub_url("reply", args=[topic.pk]),
            {"body": "   ", "content_note": "abuse", "in_reply_to": str(opening.pk)},
        )
    )

    assert page.select_one("input[name=in_reply_to]")["value"] == str(opening.pk)
    assert page.select_one("input[name=content_note]")["value"] == "abuse"
    assert "Write something before posting." in page.select_one(".nhsuk-error-summary").text


def test_an_edit_sent_back_keeps_the_new_text(signed_in, board, member):
    post = TopicFactory(board=board, opening=member).opening_post()

    page = parse(
        signed_in(member).post(
            board.sub_url("edit", args=[post.pk]),
            {"body": "x" * (MAX_BODY_LENGTH + 1), "content_note": "n"},
        )
    )

    assert page.select_one("textarea[name=body]").get_text().strip() == "x" * (MAX_BODY_LENGTH + 1)
    assert not PostRevision.objects.exists()


# Pseudonyms --------------------------------------------------------------------------------


def test_a_member_chooses_a_pseudonym_once_and_others_see_it_on_their_posts(
    signed_in, forum_index, board, member, other_member
):
    client = signed_in(member)
    form = parse(client.get(forum_index.sub_url("pseudonym")))
    assert "cannot be changed later" in form.get_text()
    assert "Moderators can see who is behind a pseudonym" in form.get_text()

    client.post(forum_index.sub_url("pseudonym"), {"pseudonym": "Quiet Harbour"})
    client.post(board.sub_url("new_topic"), {"title": "T", "body": "B", "as_pseudonym": "on"})
    again = client.post(forum_index.sub_url("pseudonym"), {"pseudonym": "Another"})

    assert ForumIdentity.objects.get(member=member).pseudonym == "Quiet Harbour"
    assert "Your pseudonym is “Quiet Harbour”" in parse(again).get_text()
    topic = Topic.objects.get()
    page = parse(signed_in(other_member).get(topic_url(board, topic)))
    writer = page.select_one("[data-writer]").get_text(" ", strip=True)
    assert writer == "Quiet Harbour Pseudonym"
    assert "Bloggs" not in page.select_one("main").get_text()
    assert "Started by Quiet Harbour" in signed_in(None).get(board.url).content.decode()


def test_the_post_form_offers_the_pseudonym_only_to_a_member_who_has_one(signed_in, board, member):
    client = signed_in(member)
    before = parse(client.get(board.sub_url("new_topic")))
    assert not before.select("input[name=as_pseudonym]")
    assert before.select_one("[data-pseudonym-hint] a")["href"].endswith("/forums/pseudonym/")

    ForumIdentity.objects.create(member=member, pseudonym="Kestrel")
    after = parse(client.get(board.sub_url("new_topic")))
    assert "Post as “Kestrel”" in after.select_one("label[for=id_as_pseudonym]").get_text()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("k", "2 to 30 characters"),
        ("k" * 31, "2 to 30 characters"),
        ("JO BLOGGS", "your own name"),
        ("a former member", "used by the site"),
        ("--", "at least one letter or number"),
        ("kestrel", "Someone else has that pseudonym"),
    ],
)
def test_pseudonyms_that_cannot_be_used_are_refused_with_the_reason(
    signed_in, forum_index, member, other_member, name, message
):
    ForumIdentity.objects.create(member=other_member, pseudonym="Kestrel")

    response = signed_in(member).post(forum_index.sub_url("pseudonym"), {"pseudonym": name})

    assert not ForumIdentity.objects.filter(member=member).exists()
    page = parse(response)
    assert message in page.select_one(".nhsuk-error-summary").get_text()
    assert page.select_one("input[name=pseudonym]")["value"] == name


def test_a_pseudonym_is_stored_without_hidden_characters(signed_in, forum_index, member):
    signed_in(member).post(forum_index.sub_url("pseudonym"), {"pseudonym": " Blue\u202e  Heron "})

    assert ForumIdentity.objects.get(member=member).pseudonym == "Blue Heron"


# Content notes, signposting and who can read -----------------------------------------------


def test_a_noted_topic_shows_its_note_on_the_board_but_not_its_opening_words(
    signed_in, board, member
):
    noted = TopicFactory(
        board=board, title="After a death", content_note="suicide", opening__body="Raw details"
    )
    plain = TopicFactory(board=board, opening__body="Everyday words")

    page = parse(signed_in(member).get(board.url))

    noted_row = page.select_one(f"[data-topic='{noted.pk}']")
    assert "After a death" in noted_row.get_text()
    assert "suicide" in noted_row.select_one("[data-content-note]").get_text()
    assert "Raw details" not in noted_row.get_text()
    assert "Everyday words" in page.select_one(f"[data-topic='{plain.pk}'] [data-excerpt]").text


def test_a_noted_topic_asks_first_and_shows_the_posts_once_the_reader_chooses(
    signed_in, board, member
):
    topic = TopicFactory(board=board, content_note="suicide", opening__body="Raw details")
    client = signed_in(member)

    first = parse(client.get(topic_url(board, topic)))

    assert "This covers: suicide." in first.select_one("#content-note").get_text()
    assert "Raw details" not in first.get_text()
    assert not first.select("[data-reply-form]")
    choice = first.select_one("#content-note a.nhsuk-button")
    assert choice.get_text() == "Continue to the topic"
    assert choice["href"] == topic_url(board, topic, "?shown=1")
    opened = parse(client.get(choice["href"]))
    assert posted_texts(opened) == ["Raw details"]
    assert opened.select("[data-reply-form]")


def test_a_noted_post_is_folded_until_the_reader_opens_it(signed_in, board, member):
    topic = TopicFactory(board=board)
    signed_in(member).post(
        board.sub_url("reply", args=[topic.pk]),
        {"body": "What happened to me", "content_note": "childhood abuse"},
    )
    post = Post.objects.get(author=member)

    card = parse(signed_in(None).get(topic_url(board, topic))).select_one(f"#post-{post.pk}")

    folded = card.select_one("details.nhsuk-details")
    assert folded is not None and not folded.has_attr("open")
    assert "Content note: childhood abuse" in folded.summary.get_text()
    assert "What happened to me" in folded.select_one("[data-body]").get_text()


def test_the_composer_says_who_can_read_the_board(signed_in, board, members_board, member):
    client = signed_in(member)

    public = parse(client.get(board.sub_url("new_topic"))).select_one("[data-readers]")
    closed = parse(client.get(members_board.sub_url("new_topic"))).select_one("[data-readers]")

    assert public.get_text() == (
        "Everyone can read this board, including people who are not signed in."
    )
    assert closed.get_text() == "Only approved members can read this board."


def test_the_composer_shows_the_guidelines_and_the_sites_support_signposting(
    signed_in, board, member, home_page
):
    settings = SafetySettings.for_site(home_page.get_site())
    settings.support_message = SupportMessage.objects.create(
        heading="Talk to someone tonight",
        text="<p>Call the night line on 0800 000 0000.</p>",
        locale=Locale.get_default(),
    )
    settings.save()
    topic = TopicFactory(board=board)
    client = signed_in(member)

    for url in (board.sub_url("new_topic"), topic_url(board, topic)):
        aside = parse(client.get(url)).select_one("aside.coa-forum-aside")
        assert "Do not name the people you work with" in aside.select_one("[data-guidelines]").text
        assert "Talk to someone tonight" in aside.select_one("[data-support]").get_text()
        assert "0800 000 0000" in aside.select_one("[data-support]").get_text()


# Order and pages ---------------------------------------------------------------------------


def test_pinned_topics_come_first_then_the_latest_activity(signed_in, board):
    now = timezone.now()
    old = TopicFactory(board=board, title="Old", opening__created_at=now - timedelta(days=9))
    pinned = TopicFactory(
        board=board, title="Pinned", pinned=True, opening__created_at=now - timedelta(days=30)
    )
    recent = TopicFactory(board=board, title="Recent", opening__created_at=now - timedelta(days=1))
    PostFactory(topic=old, created_at=now)

    rows = parse(signed_in(None).get(board.url)).select("[data-topic]")

    assert [row["data-topic"] for row in rows] == [str(t.pk) for t in (pinned, old, recent)]


def test_a_board_lists_twenty_topics_a_page(signed_in, board):
    for _n in range(21):
        TopicFactory(board=board)
    client = signed_in(None)

    first = parse(client.get(board.url))
    second = parse(client.get(board.url + "?page=2"))
    nonsense = client.get(board.url + "?page=abc")

    assert len(first.select("[data-topic]")) == 20
    assert len(second.select("[data-topic]")) == 1
    assert nonsense.status_code == 200


def test_a_topic_lists_twenty_posts_a_page(signed_in, board):
    topic = TopicFactory(board=board)
    for _n in range(21):
        PostFactory(topic=topic)
    client = signed_in(None)

    assert len(parse(client.get(topic_url(board, topic))).select("[data-post]")) == 20
    assert len(parse(client.get(topic_url(board, topic, "?page=2"))).select("[data-post]")) == 2
    assert client.get(topic_url(board, topic, "?page=%00")).status_code == 200


def test_a_topic_of_another_board_is_not_found_here(signed_in, board, forum_index):
    from .factories import BoardFactory

    other = BoardFactory(parent=forum_index, title="Other", slug="other")
    topic = TopicFactory(board=other)

    assert signed_in(None).get(topic_url(board, topic)).status_code == 404
    assert signed_in(None).get(board.sub_url("topic", args=[999999])).status_code == 404


def test_an_editor_can_still_delete_a_board_with_its_topics(board):
    TopicFactory(board=board)

    board.delete()

    assert not Topic.objects.exists()
    assert not Post.objects.exists()


# Welsh -------------------------------------------------------------------------------------


@pytest.fixture
def welsh_board(board):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    for ancestor in board.get_ancestors().filter(depth__gt=1):
        if not ancestor.get_translations().filter(locale=welsh).exists():
            ancestor.specific.copy_for_translation(welsh).save_revision().publish()
    copy = board.copy_for_translation(welsh)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def test_the_welsh_board_holds_the_same_conversation(signed_in, board, welsh_board, member):
    english = TopicFactory(board=board, title="Shared topic")
    client = signed_in(member)

    listed = client.get(welsh_board.url).content.decode()
    client.post(welsh_board.sub_url("new_topic"), {"title": "Pwnc newydd", "body": "Helo"})
    reply = client.post(welsh_board.sub_url("reply", args=[english.pk]), {"body": "Diolch"})

    assert welsh_board.url.startswith("/cy/")
    assert "Shared topic" in listed
    assert Topic.objects.get(title="Pwnc newydd").board_id == board.pk
    assert reply["Location"].startswith(welsh_board.sub_url("topic", args=[english.pk]))
    assert "Diolch" in client.get(board.sub_url("topic", args=[english.pk])).content.decode()


def test_the_language_switcher_on_a_topic_keeps_the_reader_on_the_topic(
    client, board, welsh_board
):
    topic = TopicFactory(board=board)
    english = board.sub_url("topic", args=[topic.pk])

    page = parse(client.get(english + "?page=1"))

    switch = page.select_one("[data-language-switch]")
    assert switch["href"] == welsh_board.sub_url("topic", args=[topic.pk]) + "?page=1"
    assert client.get(switch["href"]).status_code == 200


def test_forum_pages_show_the_support_box_once_beside_the_composer(signed_in, board, member):
    topic = TopicFactory(board=board)
    client = signed_in(member)

    for url in (board.url, board.sub_url("topic", args=[topic.pk]), board.sub_url("new_topic")):
        page = parse(client.get(url))
        assert len(page.select(".coa-support")) == 1, url
        assert page.select_one("[data-support] .coa-support") is not None, url


def test_a_visitor_on_a_topic_still_sees_the_support_box_in_the_footer(client, board):
    topic = TopicFactory(board=board)

    page = parse(client.get(board.sub_url("topic", args=[topic.pk])))

    assert page.select_one("footer .coa-support") is not None
