"""Forum posts' Markdown: what a member types never reaches a page as live HTML."""

import re

import pytest
from bs4 import BeautifulSoup

from forums.markdown import (
    MAX_BODY_LENGTH,
    MAX_TITLE_LENGTH,
    clean_text,
    clean_title,
    excerpt,
    mentions,
    render,
)

# Written out here rather than imported, so that widening the module's lists fails a test.
SAFE_TAGS = {
    *("p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li"),
    *("a", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"),
}
SAFE_HREF = re.compile(r"(?i)(https?:|mailto:|/(?![/\\]))")
REL = ["nofollow", "noopener", "ugc"]


def parse(html):
    return BeautifulSoup(html, "html.parser")


def assert_safe(html):
    """Only allowed tags; no attribute but href, title and rel on links; safe hrefs; rel."""
    soup = parse(html)
    for element in soup.find_all(True):
        assert element.name in SAFE_TAGS, element
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        allowed = {"href", "title", "rel"} if element.name == "a" else set()
        assert set(element.attrs) <= allowed, element
    for link in soup.find_all("a"):
        assert SAFE_HREF.match(link["href"]), link
        assert link["rel"] == REL, link
    return soup


def links(html):
    return assert_safe(html).find_all("a")


# Stored XSS: raw HTML --------------------------------------------------------------------

RAW_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<style>body { display: none }</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<svg onload=alert(1)><circle/></svg>",
    '<math><mtext><a xlink:href="javascript:alert(1)">x</a></mtext></math>',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img/src=x\tonerror\n= 'alert(1)'\t>",
    '<body ONLOAD="alert(1)">',
    "<div onclick = 'alert(1)' >click</div>",
    '<a href="javascript:alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<!-- hidden --><p>shown</p>",
    '<p style="position:fixed">over everything</p>',
]


@pytest.mark.parametrize("payload", RAW_HTML)
def test_raw_html_block_is_shown_as_text(payload):
    soup = assert_safe(render(payload))

    assert [element.name for element in soup.find_all(True)] == ["p"]
    assert soup.get_text().strip() == payload.strip()


@pytest.mark.parametrize("payload", RAW_HTML)
def test_inline_html_is_shown_as_text(payload):
    soup = assert_safe(render(f"Before {payload} after"))

    assert [element.name for element in soup.find_all(True)] == ["p"]
    assert payload in soup.get_text()


# Stored XSS: links -----------------------------------------------------------------------

UNSAFE_DESTINATIONS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java&#9;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "<java\tscript:alert(1)>",
    "java\x00script:alert(1)",
    "java\u202escript:alert(1)",
    "javascript\u200b:alert(1)",
    "\x01javascript:alert(1)",
    "   javascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "//evil.example/",
    "<//evil.example/>",
    "\\\\evil.example/",
    "#top",
    "relative/page",
]


@pytest.mark.parametrize("destination", UNSAFE_DESTINATIONS)
def test_inline_link_to_unsafe_address_is_not_a_link(destination):
    html = render(f"[click me]({destination})")

    assert links(html) == []
    assert "click me" in parse(html).get_text()


@pytest.mark.parametrize("destination", UNSAFE_DESTINATIONS)
def test_reference_link_to_unsafe_address_is_not_a_link(destination):
    assert links(render(f"[click me][x]\n\n[x]: {destination}")) == []


@pytest.mark.parametrize(
    "autolink",
    [
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,x>",
        "<java&#115;cript:alert(1)>",
    ],
)
def test_autolink_to_unsafe_address_is_not_a_link(autolink):
    assert links(render(autolink)) == []


@pytest.mark.parametrize(
    "markdown",
    [
        '[x](https://a.example "a\\" onmouseover=\\"alert(1)")',
        "[x](https://a.example 'a\\' onclick=alert(1) x=\\'')",
        '[x](https://a.example "\\"><script>alert(1)</script>")',
        '[x][r]\n\n[r]: https://a.example "\\" onfocus=alert(1) autofocus=\\""',
    ],
)
def test_link_title_cannot_break_out_of_its_attribute(markdown):
    (link,) = links(render(markdown))

    assert link["href"] == "https://a.example"
    assert "alert(1)" in link["title"]


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[site](https://example.org/a?b=1&c=2)", "https://example.org/a?b=1&c=2"),
        ("[plain](http://example.org)", "http://example.org"),
        ("[HTTPS](HTTPS://example.org)", "HTTPS://example.org"),
        ("[write](mailto:hello@example.org)", "mailto:hello@example.org"),
        ("<hello@example.org>", "mailto:hello@example.org"),
        ("<https://example.org/x>", "https://example.org/x"),
        ("[events](/events/)", "/events/"),
        ("[ref][r]\n\n[r]: /resources/", "/resources/"),
    ],
)
def test_safe_link_keeps_its_address_and_gets_rel(markdown, href):
    (link,) = links(render(markdown))

    assert link["href"] == href
    assert link["rel"] == REL


def test_every_link_in_a_post_gets_rel_nofollow_noopener_ugc():
    html = render("[a](https://a.example) <https://b.example> <c@example.org> [d](/d/)")

    assert [link["rel"] for link in links(html)] == [REL] * 4


def test_backslash_after_the_slash_stays_on_this_site():
    # Browsers read `/\\host` as `//host`; markdown-it-py percent-encodes the backslash.
    (link,) = links(render("[x](/\\evil.example/)"))

    assert link["href"] == "/%5Cevil.example/"


def test_bare_address_stays_text_without_linkify():
    assert links(render("See https://example.org for more")) == []


# Images ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        "![x](https://evil.example/i.png)",
        "![x](javascript:alert(1))",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![x][i]\n\n[i]: https://evil.example/i.png",
        "[![x](https://evil.example/i.png)](https://example.org/)",
        '<img src="https://evil.example/i.png">',
        "![x](https://evil.example/i.png){onerror=alert(1)}",
    ],
)
def test_no_image_ever_reaches_the_page(markdown):
    html = render(markdown)

    assert_safe(html)
    assert "<img" not in html


def test_image_becomes_a_link_to_it_labelled_by_its_alt_text():
    (link,) = links(render('![A calm *garden*](https://example.org/g.png "Our garden")'))

    assert link["href"] == "https://example.org/g.png"
    assert link.get_text() == "A calm garden"
    assert link["title"] == "Our garden"


def test_image_without_alt_text_is_labelled_by_its_address():
    (link,) = links(render("![](https://example.org/g.png)"))

    assert link.get_text() == "https://example.org/g.png"


def test_image_inside_a_link_becomes_its_alt_text():
    (link,) = links(render("[![Our logo](https://example.org/logo.png)](https://example.org/)"))

    assert link["href"] == "https://example.org/"
    assert link.get_text() == "Our logo"


def test_image_at_a_refused_address_is_only_its_alt_text():
    html = render("![A chart](data:image/png;base64,iVBORw0KGgo=)")

    assert links(html) == []
    assert parse(html).get_text().strip() == "A chart"


# Structure -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "tag"),
    [
        ("# Title", "h3"),
        ("Title\n=====", "h3"),
        ("## Section", "h4"),
        ("Section\n-------", "h4"),
        ("### Smaller", "h4"),
        ("###### Smallest", "h4"),
    ],
)
def test_headings_sit_below_the_pages_own_headings(markdown, tag):
    (heading,) = assert_safe(render(markdown)).find_all(re.compile(r"^h\d$"))

    assert heading.name == tag


def test_nested_blockquotes_and_quotation_marks_are_kept():
    soup = assert_safe(render("> She said:\n> > \"I'm *here*\" & 'safe'\n> > > deeper"))

    assert len(soup.find_all("blockquote")) == 3
    assert "\"I'm here\" & 'safe'" in soup.get_text()


def test_fenced_code_keeps_script_as_text_and_loses_its_language_class():
    soup = assert_safe(render("```python onload=x\n<script>alert(1)</script>\n```"))

    assert soup.find("code").attrs == {}
    assert soup.find("code").get_text() == "<script>alert(1)</script>\n"


def test_inline_and_indented_code_keep_html_as_text():
    soup = assert_safe(render("Use `<b onclick=x>` here.\n\n    <script>alert(1)</script>"))

    assert [code.get_text() for code in soup.find_all("code")] == [
        "<b onclick=x>",
        "<script>alert(1)</script>\n",
    ]


def test_tables_render_without_inline_styles():
    soup = assert_safe(render("| Name | Count |\n| :-- | --: |\n| Tea | 3 |"))

    assert [cell.get_text() for cell in soup.find_all(["th", "td"])] == [
        "Name",
        "Count",
        "Tea",
        "3",
    ]


def test_strikethrough_renders_as_del():
    assert assert_safe(render("~~cancelled~~")).find("del").get_text() == "cancelled"


def test_emphasis_lists_and_rules_render():
    soup = assert_safe(render("**strong** *em*\nline  \nbreak\n\n- one\n1. two\n\n---"))

    assert {"strong", "em", "br", "ul", "ol", "li", "hr"} <= {e.name for e in soup.find_all(True)}


def test_rendered_post_holds_no_bidi_override():
    assert "\u202e" not in render("Price: \u202e01$")


# Long and pathological input -------------------------------------------------------------

PATHOLOGICAL = {
    "open brackets": "[" * MAX_BODY_LENGTH,
    "open images": "![" * (MAX_BODY_LENGTH // 2),
    "unclosed links": "[a](" * (MAX_BODY_LENGTH // 4),
    "asterisks": "**a" * (MAX_BODY_LENGTH // 3),
    "underscores": "_a" * (MAX_BODY_LENGTH // 2),
    "angle brackets": "<" * MAX_BODY_LENGTH,
    "backslashes": "\\" * MAX_BODY_LENGTH,
    "entities": "&#" * (MAX_BODY_LENGTH // 2),
    "pipes": "|a" * (MAX_BODY_LENGTH // 2),
    "references": "[x]: /a\n[x]" * (MAX_BODY_LENGTH // 12),
}


@pytest.mark.parametrize("markdown", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_long_pathological_input_renders_all_its_text(markdown):
    soup = assert_safe(render(markdown))

    # Nothing was dropped (a parser that gave up would lose text), and no markup was made.
    assert len(soup.get_text()) >= len(markdown) // 4


def test_deep_nesting_is_cut_off_not_recursed():
    soup = assert_safe(render("> " * 5000 + "deep"))

    # markdown-it-py stops at 20 levels (its `maxNesting`) and drops what lies deeper.
    assert len(soup.find_all("blockquote")) <= 20


def test_mentions_in_long_input_are_found_without_backtracking():
    text = "@ab " * (MAX_BODY_LENGTH // 8) + "@" + "a." * (MAX_BODY_LENGTH // 2)

    assert mentions(text) == ["ab"]


# Cleaning what members type --------------------------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        *("\u202a", "\u202b", "\u202c", "\u202d", "\u202e"),
        *("\u2066", "\u2067", "\u2068", "\u2069"),
        *("\u200e", "\u200f", "\u061c"),
        *("\u200b", "\u2060", "\ufeff", "\U000e0041"),
    ],
)
def test_clean_text_removes_bidi_controls_and_hidden_characters(hidden):
    assert clean_text(f"admin{hidden}istrator") == "administrator"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x9b"])
def test_clean_text_removes_control_characters(control):
    assert clean_text(f"a{control}b") == "ab"


def test_clean_text_keeps_newlines_and_tabs_in_bodies_and_unifies_line_breaks():
    assert clean_text("one\r\ntwo\rthree\u2028four\x85five\n\tindented") == (
        "one\ntwo\nthree\nfour\nfive\n\tindented"
    )


def test_clean_text_keeps_welsh_letters_and_composes_them():
    assert (
        clean_text("Croeso i'r grw\u0302p: ŵ ŷ â ê î ô û  \n") == "Croeso i'r grŵp: ŵ ŷ â ê î ô û"
    )


def test_clean_text_composes_letters_a_removed_override_stood_between():
    assert clean_text("grw\u202e\u0302p") == "grŵp"


@pytest.mark.parametrize(
    "emoji",
    [
        "🙂",
        "👩🏽‍⚕️",  # woman health worker: joined by ZWJ
        "🏳️‍🌈",
        "👨‍👩‍👧",
        "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # the flag of Wales
    ],
)
def test_clean_text_keeps_emoji_sequences_whole(emoji):
    assert clean_text(f"Diolch {emoji}") == f"Diolch {emoji}"


def test_clean_text_removes_joiners_that_only_hide_one_name_inside_another():
    assert clean_text("ad\u200dmin and ad\u200cmin") == "admin and admin"


@pytest.mark.parametrize("word", ["می\u200cخواهم", "क्\u200dष"])
def test_clean_text_keeps_joiners_inside_words_of_scripts_that_need_them(word):
    assert clean_text(word) == word


def test_clean_text_keeps_the_indent_of_a_code_block_that_opens_a_post():
    assert clean_text("\n  \n    code\n\n") == "    code"


def test_clean_title_is_one_line_with_single_spaces():
    assert clean_title("  Support\n\tgroup \u2029 for\u00a0 carers\u202e ") == (
        "Support group for carers"
    )


def test_length_limits():
    assert (MAX_BODY_LENGTH, MAX_TITLE_LENGTH) == (10000, 150)


# Mentions --------------------------------------------------------------------------------


def test_mentions_are_listed_once_in_order_as_first_written():
    assert mentions("@Alex, then @sam and @alex and @Siân.") == ["Alex", "sam", "Siân"]


@pytest.mark.parametrize(
    "text",
    [
        "write to me@example.org",
        "<me@example.org>",
        "`@code` span",
        "```\n@fenced\n```",
        "    @indented code",
        "[@linked](https://example.org)",
        "[see @linked](/members/)",
        "![photo of @pictured](https://example.org/p.png)",
        "https://example.org/@profile",
        "@a",
        "@" + "x" * 31,
        "@@double",
        "@.dot",
        "@-dash",
    ],
)
def test_text_without_a_mention(text):
    assert mentions(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("@jo_smith", "jo_smith"),
        ("@jo.smith", "jo.smith"),
        ("@jo-smith", "jo-smith"),
        ("thanks @jo.", "jo"),
        ("(@jo)", "jo"),
        ("@jo's idea", "jo"),
        ("> quoting @jo", "jo"),
        ("**@jo**", "jo"),
        ("@" + "x" * 30, "x" * 30),
        ("@42", "42"),
    ],
)
def test_mention_handle(text, handle):
    assert mentions(text) == [handle]


def test_mention_hidden_with_a_bidi_override_is_cleaned_first():
    assert mentions("@ad\u202emin") == ["admin"]


# Excerpts --------------------------------------------------------------------------------


def test_excerpt_is_plain_text_with_entities_decoded_once():
    html = render("Tom &amp; Jerry <3 **bold**ly &lt;b&gt; `&amp;lt;`\n\n- one\n- two")

    assert excerpt(html) == "Tom & Jerry <3 boldly <b> &amp;lt; one two"


def test_excerpt_of_short_text_is_the_whole_text():
    assert excerpt("<p>Short and sweet.</p>") == "Short and sweet."


def test_excerpt_is_cut_after_a_whole_word():
    text = "<p>" + "gwych " * 100 + "</p>"

    cut = excerpt(text, length=20)

    assert cut == "gwych gwych gwych…"
    assert len(cut) <= 20


def test_excerpt_of_one_long_word_is_cut_inside_it():
    assert excerpt("a" * 300, length=10) == "a" * 9 + "…"


def test_excerpt_ignores_script_and_style_content():
    assert excerpt("<style>p{}</style><p>kept</p><script>lost()</script>") == "kept"
