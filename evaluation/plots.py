"""Server-side SVG plots of an evaluation's patterns (`patterns.Pattern`): a triad as a
ternary scatter plot (one point per story, each a link to the story's page), a slider as a
histogram of its ten bins. Each is drawn from the same pattern as the table shown beside
it, so the two always agree.

The site's Content Security Policy allows no inline styles, so the SVG carries none: no
`style` attribute and no `<style>` element, only presentation attributes (`fill`,
`stroke`, `font-size`, `text-anchor`). Every text in it is escaped. A group that is not
shown (fewer than `Evaluation.MIN_GROUP` stories) has no pattern, so no plot.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import triads

# NHS.UK colours: blue points and bars, dark blue edges, text and axis greys.
POINT_FILL = "#005eb8"
POINT_STROKE = "#003087"
BAR_FILL = "#005eb8"
TEXT_FILL = "#212b32"
AXIS_STROKE = "#4c6272"
GUIDE_STROKE = "#d8dde0"
LABEL_LENGTH = 28

# The triangle's drawing (triads.SIZE square) with room around it for the corners' names.
TRIAD_MARGIN = 30
TRIAD_VIEWBOX = (
    -TRIAD_MARGIN,
    triads.TOP - TRIAD_MARGIN - 6,
    triads.SIZE + 2 * TRIAD_MARGIN,
    triads.BOTTOM - triads.TOP + 2 * TRIAD_MARGIN + 12,
)
POINT_RADIUS = 6

# The histogram's slots.
STEP = 44
BAR_WIDTH = 34
LEFT = 8
TOP = 28  # room for the count above the tallest bar
PLOT_HEIGHT = 140
BASE = TOP + PLOT_HEIGHT
HEIGHT = BASE + 52


def _text(x, y, content, *, size=14, anchor="middle", extra=""):
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_FILL}"{extra}>{escape(content)}</text>'
    )


def _short(label):
    return Truncator(label).chars(LABEL_LENGTH)


def _svg_open(chart_id, viewbox, width, height, kind, title, description):
    chart_id = escape(chart_id)
    box = " ".join(str(number) for number in viewbox)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coa-plot coa-plot--{kind}" '
        f'viewBox="{box}" width="{width}" height="{height}" role="img" font-family="sans-serif" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" data-plot="{kind}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


# Triads --------------------------------------------------------------------------------


def triangle_outline():
    corners = " ".join(f"{x},{y}" for x, y in triads.CORNERS)
    return f'<polygon points="{corners}" fill="none" stroke="{AXIS_STROKE}" stroke-width="1.5"/>'


def medians():
    """Faint lines from each corner to the middle of the side opposite, to read by."""
    lines = []
    for index, (x, y) in enumerate(triads.CORNERS):
        (x1, y1), (x2, y2) = (corner for i, corner in enumerate(triads.CORNERS) if i != index)
        lines.append(
            f'<line x1="{x}" y1="{y}" x2="{(x1 + x2) / 2}" y2="{(y1 + y2) / 2}" '
            f'stroke="{GUIDE_STROKE}" stroke-width="1" stroke-dasharray="4 4"/>'
        )
    return lines


def corner_labels(labels):
    (top_x, top_y), (left_x, left_y), (right_x, right_y) = triads.CORNERS
    return [
        _text(top_x, top_y - 12, _short(labels[0]), extra=' data-corner="a"'),
        _text(
            left_x - 10, left_y + 24, _short(labels[1]), anchor="start", extra=' data-corner="b"'
        ),
        _text(
            right_x + 10, right_y + 24, _short(labels[2]), anchor="end", extra=' data-corner="c"'
        ),
    ]


def point_title(point, labels):
    placements = ", ".join(
        f"{label} {weight}%" for label, weight in zip(labels, point.weights, strict=True)
    )
    return _("%(title)s: %(placements)s. Open to read it.") % {
        "title": point.title,
        "placements": placements,
    }


def triad_point(point, labels, url):
    """A point linking to its story. Out of the tab order: `role="img"` hides the plot's
    links from assistive technology, so keyboards use the same links in the table."""
    x, y = point.xy
    return (
        f'<a href="{escape(url)}" tabindex="-1" data-story="{point.story_id}" '
        f'data-weights="{point.a},{point.b},{point.c}">'
        f"<title>{escape(point_title(point, labels))}</title>"
        f'<circle cx="{x}" cy="{y}" r="{POINT_RADIUS}" fill="{POINT_FILL}" '
        f'fill-opacity="0.6" stroke="{POINT_STROKE}" stroke-width="1"/></a>'
    )


def triad_svg(pattern, chart_id, story_url):
    """A ternary scatter plot of a triad's pattern: the three qualities at the corners,
    one point per story placed on it, each a link to `story_url(story pk)`."""
    labels = pattern.signifier.labels
    title = _("Where the stories sit between %(a)s, %(b)s and %(c)s: %(question)s") % {
        "a": labels[0],
        "b": labels[1],
        "c": labels[2],
        "question": pattern.signifier.question,
    }
    description = ngettext(
        "%(count)s story placed; the table beside this plot gives the same placements.",
        "%(count)s stories placed; the table beside this plot gives the same placements.",
        len(pattern.points),
    ) % {"count": len(pattern.points)}
    width = TRIAD_VIEWBOX[2]
    height = TRIAD_VIEWBOX[3]
    parts = _svg_open(chart_id, TRIAD_VIEWBOX, width, height, "triad", title, description)
    parts += medians()
    parts.append(triangle_outline())
    parts += corner_labels(labels)
    parts += [triad_point(point, labels, story_url(point.story_id)) for point in pattern.points]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# Sliders -------------------------------------------------------------------------------


def histogram_bar(x, item, tallest):
    height = round(PLOT_HEIGHT * item.count / tallest) if tallest else 0
    parts = []
    if height:
        parts.append(
            f'<rect x="{x}" y="{BASE - height}" width="{BAR_WIDTH}" height="{height}" '
            f'fill="{BAR_FILL}" data-bin="{item.low}" data-count="{item.count}"/>'
        )
    parts.append(
        _text(
            x + BAR_WIDTH / 2,
            BASE - height - 6,
            str(item.count),
            extra=f' data-bin-count="{item.low}"',
        )
    )
    parts.append(_text(x + BAR_WIDTH / 2, BASE + 18, item.label, size=11))
    return parts


def histogram_svg(pattern, chart_id):
    """A histogram of a slider's pattern: ten bars, from 0–9 to 90–100."""
    signifier = pattern.signifier
    left, right = signifier.labels
    counted = sum(item.count for item in pattern.bins)
    title = _("How far the stories go from %(left)s (0) to %(right)s (100): %(question)s") % {
        "left": left,
        "right": right,
        "question": signifier.question,
    }
    description = ngettext(
        "%(count)s story placed, in ten bins; the table beside this plot gives the same counts.",
        "%(count)s stories placed, in ten bins; the table beside this plot gives the same counts.",
        counted,
    ) % {"count": counted}
    width = 2 * LEFT + STEP * len(pattern.bins)
    tallest = max([item.count for item in pattern.bins] + [1])
    parts = _svg_open(chart_id, (0, 0, width, HEIGHT), width, HEIGHT, "slider", title, description)
    parts.append(
        f'<line x1="0" y1="{BASE}" x2="{width}" y2="{BASE}" stroke="{AXIS_STROKE}" '
        'stroke-width="1"/>'
    )
    for index, item in enumerate(pattern.bins):
        parts += histogram_bar(LEFT + STEP * index + (STEP - BAR_WIDTH) / 2, item, tallest)
    parts.append(_text(LEFT, BASE + 40, f"0: {_short(left)}", size=12, anchor="start"))
    parts.append(_text(width - LEFT, BASE + 40, f"100: {_short(right)}", size=12, anchor="end"))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
