"""What a member types reaches no page as live HTML: posts, titles, notes and pseudonyms are
sent through the real forms, then the topic page and the board's list are read back."""

import pytest

from forums.models import Post, Topic

from ..core.test_security_headers import directives
from ..home.markup import parse

pytestmark = pytest.mark.django_db

ATTACKS = "\n\n".join(
    [
        "<script>alert('body')</script>",
        '<img src=x onerror="alert(1)">',
        "[click me](javascript:alert(2))",
        "[also me](JaVaScRiPt:alert(3))",
        '<a href="javascript:alert(4)">raw link</a>',
        "![picture](javascript:alert(5))",
        '<svg onload="alert(6)"></svg>',
        "<iframe src=https://evil.example></iframe>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)",
        '<div style="background:url(javascript:alert(8))">styled</div>',
    ]
)
TITLE = "<script>alert('title')</script><img src=x onerror=alert(9)>"
NOTE = '<b onmouseover="alert(10)">note</b>'


def assert_nothing_live(response, where):
    """No script, frame, image, style or handler from what was typed, anywhere on the page
    (typed markup is shown as text, so the page is read as a browser would parse it)."""
    soup = parse(response)
    main = soup.select_one("main")
    assert not main.select("script, iframe, svg, img, object, embed, style, form img"), where
    assert not soup.select("script:not([src]), style, [style]"), where
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, (where, element.name, handlers)
        for attribute in ("href", "src", "action", "formaction"):
            value = "".join(str(element.get(attribute, "")).split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, value)


@pytest.fixture
def attacked_topic(signed_in, board, member):
    client = signed_in(member)
    client.post(board.sub_url("new_topic"), {"title": TITLE, "body": ATTACKS, "content_note": ""})
    topic = Topic.objects.get()
    client.post(board.sub_url("reply", args=[topic.pk]), {"body": ATTACKS, "content_note": NOTE})
    return topic


def test_script_handlers_and_javascript_links_in_posts_are_not_live_on_the_topic_page(
    signed_in, board, attacked_topic, other_member
):
    url = board.sub_url("topic", args=[attacked_topic.pk])

    for reader in (None, other_member):
        response = signed_in(reader).get(url)

        assert response.status_code == 200
        assert_nothing_live(response, "topic page")
        text = parse(response).select_one("main").get_text()
        # What was typed is shown as text, not thrown away.
        assert "<script>alert('body')</script>" in text
        assert TITLE in text
        assert NOTE in text


def test_nothing_typed_is_live_in_the_boards_list(signed_in, board, attacked_topic):
    response = signed_in(None).get(board.url)

    assert_nothing_live(response, "board")
    row = parse(response).select_one(f"[data-topic='{attacked_topic.pk}']")
    assert TITLE in row.select_one("h3").get_text()
    # The excerpt is text taken from the safe HTML: no tag of the attack survives as a tag.
    assert "<script" not in str(row.select_one("[data-excerpt]"))


def test_links_that_survive_are_only_http_https_mailto_or_this_site(signed_in, board, member):
    client = signed_in(member)
    client.post(
        board.sub_url("new_topic"),
        {
            "title": "Links",
            "body": "[ok](https://example.org) [mail](mailto:a@example.org) [here](/forums/) "
            "[other site](//evil.example) [back](/\\evil.example)",
        },
    )
    post = Post.objects.get()
    body = parse(client.get(board.sub_url("topic", args=[post.topic_id]))).select_one(
        f"#post-{post.pk} [data-body]"
    )

    hrefs = {link.get_text(): link["href"] for link in body.select("a")}
    assert hrefs["ok"] == "https://example.org"
    assert hrefs["mail"] == "mailto:a@example.org"
    assert hrefs["here"] == "/forums/"
    assert "other site" not in hrefs
    # Kept as a path on this site: the backslash is percent-encoded, so no browser reads
    # it as another host.
    assert hrefs.get("back", "/%5Cevil.example") == "/%5Cevil.example"
    assert all(link["rel"] == ["nofollow", "noopener", "ugc"] for link in body.select("a"))


def test_a_pseudonym_with_markup_is_shown_as_text(signed_in, forum_index, board, member):
    client = signed_in(member)
    client.post(forum_index.sub_url("pseudonym"), {"pseudonym": "<b>Bold</b>"})
    client.post(board.sub_url("new_topic"), {"title": "T", "body": "B", "as_pseudonym": "on"})
    topic = Topic.objects.get()

    response = signed_in(None).get(board.sub_url("topic", args=[topic.pk]))

    assert_nothing_live(response, "topic page")
    assert (
        parse(response)
        .select_one("[data-writer]")
        .get_text(" ", strip=True)
        .startswith("<b>Bold</b>")
    )


@pytest.mark.parametrize("route", ["board", "topic", "new", "reply", "edit"])
def test_forum_pages_keep_the_strict_content_security_policy(
    signed_in, board, member, attacked_topic, route
):
    post = Post.objects.filter(author=member).first()
    urls = {
        "board": board.url,
        "topic": board.sub_url("topic", args=[attacked_topic.pk]),
        "new": board.sub_url("new_topic"),
        "reply": board.sub_url("reply", args=[attacked_topic.pk]) + f"?quote={post.pk}",
        "edit": board.sub_url("edit", args=[post.pk]),
    }

    response = signed_in(member).get(urls[route])

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert_nothing_live(response, route)
