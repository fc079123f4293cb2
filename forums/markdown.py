"""Forum text: cleaning what members type, rendering their Markdown safely, @mentions, excerpts.

A post's body is cleaned (`clean_text`), checked against `MAX_BODY_LENGTH`, and rendered once
on save (`render`); the stored HTML is what pages show. Rendering is two locks, not one:

- markdown-it-py with raw HTML off, so any tag a member types is shown as text, and with its
  own link check (it refuses `javascript:`, `vbscript:`, `file:` and most `data:` links);
- nh3 over the result, with allow-lists of tags, attributes and URL schemes, so that whatever
  the first lock let through, no script, handler or unsafe link reaches the page.

Decisions a reader should know:

- Headings move down two levels (`#` is `h3`, `##` and smaller are `h4`): posts sit under
  the page's own `h1` and `h2`.
- No images, ever (trauma-informed: no picture arrives unasked). A Markdown image becomes a
  link to it, labelled with its alt text, so a reader chooses whether to look; inside a link
  it becomes its alt text.
- Bare addresses are not turned into links: markdown-it-py's `linkify` needs linkify-it-py,
  which the project does not install. `<https://example.org>` makes a link.
- Links go only to http, https and mailto addresses and to paths on this site (`/...`).
"""

import re
import unicodedata
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from core.middleware import CONTROL_CHARACTERS

MAX_BODY_LENGTH = 10000
MAX_TITLE_LENGTH = 150

ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote"),
        *("ul", "ol", "li", "a", "h3", "h4"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"
#: Removed with everything inside them, should one ever reach the cleaner.
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
)

#: A handle: 2–30 letters, digits, `_`, `.` or `-`, starting and ending with a letter, digit
#: or `_` (so the full stop after "thanks @alex." is not part of it).
HANDLE = re.compile(r"\w[\w.-]{0,28}\w")
#: `@handle` not inside a word or an email address ("me@example.org") and not cut short
#: (a 31-character run is no handle, rather than a mention of its first 30 characters).
MENTION = re.compile(rf"(?<![\w.@/-])@({HANDLE.pattern})(?![.-]*+\w)")

# Invisible characters that reorder or hide text: bidi embeddings, overrides, isolates and
# marks (the "Trojan Source" characters), zero-width space, word joiner, invisible maths
# operators, byte-order mark, Mongolian vowel separator, interlinear annotation.
_HIDDEN = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e\ufff9-\ufffb]"
)
_JOINERS = re.compile("[\u200c\u200d]")
# Tag characters are invisible; they belong only in subdivision flags such as Wales's.
_TAGS = re.compile("(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|[\U000e0000-\U000e007f]")
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
_KEPT_CONTROLS = "\n\t"
_NO_JOINERS_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _in_joining_script(character):
    """A letter or mark of a script whose words need joiners (Arabic, Persian, the Indic
    scripts...), not of Latin, Greek or Cyrillic, where a joiner only hides one name in
    another."""
    if not character or unicodedata.category(character)[0] not in "LM":
        return False
    return unicodedata.name(character, "").split(" ")[0] not in _NO_JOINERS_SCRIPTS


def _joiner_kept_where_meant(match):
    """Zero-width joiners build emoji (👩🏽‍⚕️); both joiners shape words in some scripts."""
    text, joiner = match.string, match[0]
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if _in_joining_script(before) and _in_joining_script(after):
        return joiner
    in_emoji = (
        joiner == "\u200d"
        and (before == "\ufe0f" or unicodedata.category(before or " ") in ("So", "Sk"))
        and unicodedata.category(after or " ") == "So"
    )
    return joiner if in_emoji else ""


def clean_text(text):
    """A post body as it is stored: no control characters but newlines and tabs, no bidi
    controls or hidden characters, line breaks as `\\n`, NFC, no blank lines or spaces
    around it (the first line keeps its indent: four spaces make a code block)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = CONTROL_CHARACTERS.sub(lambda m: m[0] if m[0] in _KEPT_CONTROLS else "", text)
    text = _HIDDEN.sub("", text)
    text = _JOINERS.sub(_joiner_kept_where_meant, text)
    text = _TAGS.sub(lambda m: m[1] or "", text)
    # Normalise after removing: a removed character may have stood between a letter and
    # its accent.
    text = unicodedata.normalize("NFC", text).rstrip()
    return _LEADING_BLANK_LINES.sub("", text)


def clean_title(text):
    """A title as it is stored: `clean_text`, then on one line with single spaces."""
    return " ".join(clean_text(text).split())


def is_allowed_href(href):
    """An http, https or mailto address, or a path on this site (not `//host`, which is
    another site, nor `/\\host`, which browsers read the same way)."""
    if href.startswith("/"):
        return not href.startswith("//") and "\\" not in href
    scheme, colon, _ = href.partition(":")
    return bool(colon) and scheme.lower() in URL_SCHEMES


def _site_path_or_none(url):
    return url if is_allowed_href(url) else None


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    # "*" empty: nh3 otherwise allows `lang` and `title` on every tag.
    attributes={"*": set(), **ALLOWED_ATTRIBUTES},
    strip_comments=True,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
    url_relative=_site_path_or_none,
)


def _heading_tag(tag):
    return f"h{min(int(tag[1]) + 2, 4)}"


def _image_as_text_or_link(image, inside_link, env):
    alt = _markdown.renderer.renderInlineAsText(image.children or [], _markdown.options, env)
    src = str(image.attrs.get("src", ""))
    if inside_link or not is_allowed_href(src):
        return [Token("text", "", 0, content=alt)]
    attrs = {"href": src}
    if image.attrs.get("title"):
        attrs["title"] = image.attrs["title"]
    label = Token("text", "", 0, content=alt or src)
    return [Token("link_open", "a", 1, attrs=attrs), label, Token("link_close", "a", -1)]


def _safe_inline(children, env):
    """Inline tokens with images replaced, links to refused addresses unwrapped to their
    text, and strikethrough as `del` (markdown-it-py writes `s`)."""
    result, links = [], []
    for token in children:
        if token.type == "link_open":
            links.append(is_allowed_href(str(token.attrs.get("href", ""))))
            if not links[-1]:
                continue
        elif token.type == "link_close":
            if not links.pop():
                continue
        elif token.type == "image":
            result.extend(_image_as_text_or_link(token, bool(links), env))
            continue
        elif token.type in ("s_open", "s_close"):
            token.tag = "del"
        result.append(token)
    return result


def render(text):
    """Safe HTML for a post body written in Markdown (cleaned with `clean_text` first)."""
    env = {}
    tokens = _markdown.parse(clean_text(text), env)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _heading_tag(token.tag)
        elif token.type == "inline" and token.children:
            token.children = _safe_inline(token.children, env)
    return _cleaner.clean(_markdown.renderer.render(tokens, _markdown.options, env))


def mentions(text):
    """The handles @mentioned in a post body, without the `@`, in order, each once (the
    first spelling kept: handles match whatever their case). Mentions in code, in links,
    in image descriptions and in email addresses do not count."""
    found = {}
    for block in _markdown.parse(clean_text(text)):
        if block.type != "inline":
            continue
        in_link = False
        # Code is its own token type, and image descriptions are the image's children, so
        # only link text needs skipping by hand.
        for token in block.children or []:
            if token.type in ("link_open", "link_close"):
                in_link = token.type == "link_open"
            elif token.type == "text" and not in_link:
                for match in MENTION.finditer(token.content):
                    found.setdefault(match[1].casefold(), match[1])
    return list(found.values())


class _TextOf(HTMLParser):
    """The text of an HTML fragment, entities decoded, blocks apart by a space."""

    BLOCKS = frozenset(
        {"p", "br", "hr", "pre", "blockquote", "ul", "ol", "li", "div", "table", "tr"}
        | {"th", "td", "h1", "h2", "h3", "h4", "h5", "h6"}
    )
    UNSEEN = frozenset({"script", "style", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.unseen = [], 0

    def handle_starttag(self, tag, attrs):
        self.unseen += tag in self.UNSEEN
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.UNSEEN and self.unseen:
            self.unseen -= 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.unseen:
            self.parts.append(data)


def excerpt(html_or_text, length=200):
    """Plain text (not HTML: escape it where it goes into HTML) of at most `length`
    characters, cut after a whole word and ended with "…" when the text is longer."""
    parser = _TextOf()
    parser.feed(html_or_text)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    if len(text) <= length:
        return text
    head = text[: length - 1]
    if text[length - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" .,;:-–—") + "…"
