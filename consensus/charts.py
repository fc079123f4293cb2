"""Server-side SVG charts of consensus results: one statement's distribution of ratings
in one round, as a bar chart drawn from the same `results.StatementResult` as the table
shown beside it.

The site's Content Security Policy allows no inline styles, so the SVG carries none: no
`style` attribute and no `<style>` element, only presentation attributes (`fill`,
`font-size`, `text-anchor`), which are attributes rather than CSS. Every text in it is
escaped. A result that is not shown (fewer than `Study.MIN_RATERS` opinions) gets no chart.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import stats

# NHS.UK colours: red, mid grey, green for the bands; pale grey for "no opinion".
BAND_FILL = {stats.DISAGREE: "#d5281b", stats.UNSURE: "#4c6272", stats.AGREE: "#007f3b"}
NO_OPINION_FILL = "#aeb7bd"
TEXT_FILL = "#212b32"
AXIS_STROKE = "#4c6272"

STEP = 48  # the width of one rating's slot
BAR_WIDTH = 36
NO_OPINION_SLOT = 104
LEFT = 8
TOP = 28  # room for the count above the tallest bar
PLOT_HEIGHT = 140
BASE = TOP + PLOT_HEIGHT
HEIGHT = BASE + 60


def band_name(band):
    return {
        stats.DISAGREE: _("Disagree"),
        stats.UNSURE: _("Unsure"),
        stats.AGREE: _("Agree"),
    }[band]


def bands_of(rule):
    """[(band, first rating, last rating)] in order; the unsure band may be empty."""
    found = []
    for value in range(1, rule.scale_max + 1):
        band = stats.band(value, rule)
        if found and found[-1][0] == band:
            found[-1] = (band, found[-1][1], value)
        else:
            found.append((band, value, value))
    return found


def _text(x, y, content, *, size=14, anchor="middle", extra=""):
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_FILL}"{extra}>{escape(content)}</text>'
    )


def _bar(x, count, tallest, fill, label_extra):
    height = round(PLOT_HEIGHT * count / tallest) if tallest else 0
    parts = []
    if height:
        parts.append(
            f'<rect x="{x}" y="{BASE - height}" width="{BAR_WIDTH}" height="{height}" '
            f'fill="{fill}"/>'
        )
    parts.append(_text(x + BAR_WIDTH / 2, BASE - height - 6, str(count), extra=label_extra))
    return parts


def distribution_svg(item, rule, chart_id):
    """An SVG bar chart of `item`'s ratings (a shown `StatementResult`): one bar per rating,
    coloured by band, and one for "no opinion"; '' for a result that is not shown."""
    if not item.shown:
        return ""
    chart_id = escape(chart_id)
    counts = [count for _value, count in item.distribution]
    tallest = max([*counts, item.no_opinion, 1])
    width = LEFT + STEP * rule.scale_max + NO_OPINION_SLOT
    title = _("How people rated the statement: %(text)s") % {"text": item.text}
    description = ngettext(
        "%(counted)s person gave an opinion and %(none)s chose no opinion; the table "
        "beside this chart gives the same numbers.",
        "%(counted)s people gave an opinion and %(none)s chose no opinion; the table "
        "beside this chart gives the same numbers.",
        item.counted,
    ) % {"counted": item.counted, "none": item.no_opinion}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coa-chart" viewBox="0 0 {width} '
        f'{HEIGHT}" width="{width}" height="{HEIGHT}" role="img" focusable="false" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" data-chart="distribution">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line x1="0" y1="{BASE}" x2="{width}" y2="{BASE}" stroke="{AXIS_STROKE}" '
        'stroke-width="1"/>',
    ]
    for value, count in item.distribution:
        x = LEFT + STEP * (value - 1)
        fill = BAND_FILL[stats.band(value, rule)]
        parts += _bar(x, count, tallest, fill, f' data-rating="{value}"')
        parts.append(_text(x + BAR_WIDTH / 2, BASE + 18, str(value)))
    for band, first, last in bands_of(rule):
        middle = LEFT + STEP * (first - 1) + (STEP * (last - first) + BAR_WIDTH) / 2
        parts.append(_text(middle, BASE + 40, band_name(band), size=12))
    x = LEFT + STEP * rule.scale_max + (NO_OPINION_SLOT - STEP) / 2
    parts += _bar(x, item.no_opinion, tallest, NO_OPINION_FILL, ' data-rating="none"')
    parts.append(_text(x + BAR_WIDTH / 2, BASE + 18, _("No opinion"), size=12))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
