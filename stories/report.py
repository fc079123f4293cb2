"""The editors' "Learning from stories" figures: published stories counted by theme, sector
and kind over time, with small numbers hidden, and the rows of the export for evaluation.

What is counted
---------------
Stories that are live and not retracted, one per story: the default language's copy (a
Welsh translation is the same story, so it is not counted again), by the quarter or the
year of their first publication (UK time).

Small numbers
-------------
Any count from 1 to 4 is shown as "fewer than 5" (`Cell.shown`), on the page and in the
downloads of the tables, so a small group of stories (and so their tellers) cannot be
picked out; 0 is shown as 0. Totals are counted from every story, then hidden the same way.

The export for evaluation
-------------------------
One row per story, with what an evaluation needs to count and compare (kind, sector,
themes, quarter, audience, how the teller is named, content note, length) and nothing that
names or quotes anyone: no title, text, pseudonym, author's or teller's name, no teller or
page id, no exact date. A teller's consent covers publishing their story on this site, not
handing its words, or anything that leads back to them, on to others. The reference is a
keyed hash of the story's translation key (`story_reference`): the same from one download
to the next, so evaluators can follow a story over time, but not the page id, and not in
publication order, so it cannot be used to open the story in the admin or to line rows up
with the listing. Rows are ordered by quarter, then reference, for the same reason.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.coreutils import get_supported_content_language_variant

from members.models import Sector

from .models import Attribution, StoryKind, StoryPage, StoryTheme

#: Counts below this (and above 0) are hidden.
SMALL_NUMBER = 5


@dataclass(frozen=True)
class PeriodChoice:
    """A period editors may choose: counted by `bucket` ("quarter" or "year"), over this
    quarter and the `quarters - 1` before it (None: from the first story)."""

    name: str
    label: str
    bucket: str
    quarters: int | None


PERIODS = {
    choice.name: choice
    for choice in [
        PeriodChoice("12m", _("Last 12 months, by quarter"), "quarter", 4),
        PeriodChoice("24m", _("Last 2 years, by quarter"), "quarter", 8),
        PeriodChoice("all", _("All time, by year"), "year", None),
    ]
}
DEFAULT_PERIOD = "12m"

StoryThemes = StoryPage.themes.through


def period_or_default(name):
    """`name` if it is one of PERIODS (the query string is allow-listed), else the default."""
    return name if name in PERIODS else DEFAULT_PERIOD


def published_stories():
    """Live, not retracted stories, one per story (the default language's copy; named by
    its code, so the locale is joined in each query rather than looked up first)."""
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return (
        StoryPage.objects.live()
        .not_retracted()
        .filter(locale__language_code=default_language, first_published_at__isnull=False)
    )


# Periods -------------------------------------------------------------------------------


def quarter_start(day):
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters_before(start, count):
    index = start.year * 12 + start.month - 1 - 3 * count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    start: date
    bucket: str  # "quarter" or "year"
    current: bool = False

    @property
    def label(self):
        if self.bucket == "year":
            text = str(self.start.year)
        else:
            last_month = self.start.replace(month=self.start.month + 2)
            text = gettext("%(first)s to %(last)s %(year)s") % {
                "first": date_format(self.start, "M"),
                "last": date_format(last_month, "M"),
                "year": self.start.year,
            }
        if self.current:
            text = gettext("%(period)s (so far)") % {"period": text}
        return text


def quarter_label(day):
    """A sortable name of the quarter `day` is in, such as "2025 Q1"."""
    return gettext("%(year)s Q%(quarter)s") % {
        "year": day.year,
        "quarter": (day.month - 1) // 3 + 1,
    }


def starts_for(choice, today, found):
    """The first day of each bucket of the period `choice`, oldest first. "All time" runs
    from the year of the first story `found` (the buckets counted) to this year."""
    if choice.bucket == "quarter":
        this_quarter = quarter_start(today)
        return [quarters_before(this_quarter, n) for n in reversed(range(choice.quarters))]
    years = [day.year for day in found] or [today.year]
    return [date(year, 1, 1) for year in range(min(years), max(*years, today.year) + 1)]


def first_day(choice, today):
    """The first day counted (None: from the start)."""
    if choice.quarters is None:
        return None
    return quarters_before(quarter_start(today), choice.quarters - 1)


# Counts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One count. `shown` is what anyone sees of it: "fewer than 5" for 1 to 4."""

    value: int

    @property
    def suppressed(self):
        return 0 < self.value < SMALL_NUMBER

    @property
    def shown(self):
        if self.suppressed:
            return gettext("fewer than %(number)s") % {"number": SMALL_NUMBER}
        return self.value


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: list
    total: Cell


@dataclass(frozen=True)
class Table:
    key: str  # "theme", "sector" or "kind": the download's name for it
    title: str
    row_heading: str
    rows: list
    note: str = ""

    def header(self, periods):
        return [self.row_heading, *[period.label for period in periods], gettext("Total")]

    def shown_rows(self):
        """The rows as a download gives them: small numbers hidden."""
        return [
            [row.label, *[cell.shown for cell in row.cells], row.total.shown] for row in self.rows
        ]


@dataclass(frozen=True)
class StoryCounts:
    period: str
    periods: list
    first_day: date | None
    total: Cell
    tables: list

    def table(self, key):
        return next(table for table in self.tables if table.key == key)


def make_row(key, label, counts, periods):
    cells = [Cell(counts.get(period.start, 0)) for period in periods]
    return Row(key, str(label), cells, Cell(sum(cell.value for cell in cells)))


def count_stories(period_name=DEFAULT_PERIOD, today=None):
    """The counts for the report, in three queries: stories grouped by kind, sector,
    bucket and whether they have a theme; stories per theme and bucket; the themes."""
    choice = PERIODS[period_or_default(period_name)]
    bucket = choice.bucket
    today = today or timezone.localdate()
    since = first_day(choice, today)

    stories = published_stories()
    if since is not None:
        since_time = timezone.make_aware(datetime.combine(since, time.min))
        stories = stories.filter(first_published_at__gte=since_time)
    in_bucket = Trunc("first_published_at", bucket, output_field=DateField())

    grouped = list(
        stories.annotate(
            bucket=in_bucket,
            has_theme=Exists(StoryThemes.objects.filter(storypage=OuterRef("pk"))),
        )
        .order_by()
        .values_list("kind", "sector", "bucket", "has_theme")
        .annotate(n=Count("pk"))
    )
    by_theme = list(
        StoryThemes.objects.filter(storypage__in=stories.values("pk"))
        .annotate(bucket=Trunc("storypage__first_published_at", bucket, output_field=DateField()))
        .order_by()
        .values_list("storytheme_id", "bucket")
        .annotate(n=Count("pk"))
    )
    themes = list(StoryTheme.objects.order_by("name").values_list("pk", "name"))

    starts = starts_for(choice, today, {row[2] for row in grouped})
    this_bucket = quarter_start(today) if bucket == "quarter" else date(today.year, 1, 1)
    periods = [Period(start, bucket, current=start == this_bucket) for start in starts]

    kinds, sectors, themed = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    total = Counter()
    for kind, sector, day, has_theme, n in grouped:
        kinds[kind][day] += n
        sectors[sector][day] += n
        total[day] += n
        if not has_theme:
            themed[None][day] += n
    for theme_id, day, n in by_theme:
        themed[theme_id][day] += n

    tables = [
        Table(
            "theme",
            gettext("Stories by theme"),
            gettext("Theme"),
            [make_row(str(pk), name, themed[pk], periods) for pk, name in themes]
            + [make_row("none", gettext("No theme"), themed[None], periods)],
            note=gettext(
                "A story can have more than one theme, so these numbers add up to more than "
                "the number of stories."
            ),
        ),
        Table(
            "sector",
            gettext("Stories by sector"),
            gettext("Sector"),
            [make_row(value, label, sectors[value], periods) for value, label in Sector.choices]
            + [make_row("none", gettext("No sector given"), sectors[""], periods)],
        ),
        Table(
            "kind",
            gettext("Stories by kind"),
            gettext("Kind of story"),
            [make_row(value, label, kinds[value], periods) for value, label in StoryKind.choices],
        ),
    ]
    counted = make_row("all", "", total, periods).total
    return StoryCounts(choice.name, periods, since, counted, tables)


# The export for evaluation -------------------------------------------------------------

#: (value, label) of how a story names its teller, as a category only.
NAMED_BY = {
    "name": _("Name"),
    "pseudonym": _("Pseudonym"),
    "anonymous": _("Anonymous"),
}
WORDS_ROUNDED_TO = 50

EVALUATION_HEADER = [
    _("Reference"),
    _("Kind of story"),
    _("Sector"),
    _("Themes"),
    _("Quarter first published"),
    _("Audience"),
    _("Teller named by"),
    _("Content note"),
    _("Words (to the nearest 50)"),
]


def story_reference(translation_key):
    """A stable, opaque reference for a story: a keyed hash of its translation key (the
    same for each language's copy), which only this site can work out."""
    digest = salted_hmac("stories.report.reference", str(translation_key)).hexdigest()
    return "ST-" + digest[:10].upper()


WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(body):
    """How many words a story's body has: headings, paragraphs and quotes."""
    words = 0
    for block in body:
        value = block.value
        if block.block_type == "quote":
            text = value.get("text", "")
        elif hasattr(value, "source"):  # rich text
            text = strip_tags(value.source)
        else:
            text = str(value)
        words += len(WORD.findall(text))
    return words


def rounded_words(words):
    """`words` to the nearest 50 (at least 50 if there are any): an exact count would match
    a row to its story on the site."""
    if not words:
        return 0
    return max(WORDS_ROUNDED_TO, round(words / WORDS_ROUNDED_TO) * WORDS_ROUNDED_TO)


def named_by():
    """How the story names its teller, worked out in the database, so no name or pseudonym
    is ever read into the export (the same rule as `StoryPage.shown_attribution`)."""
    return Case(
        When(Q(attribution=Attribution.PSEUDONYM) & ~Q(pseudonym=""), then=Value("pseudonym")),
        When(teller__isnull=False, attribution=Attribution.NAME, then=Value("name")),
        When(Q(teller__isnull=True) & ~Q(author_name=""), then=Value("name")),
        default=Value("anonymous"),
        output_field=CharField(),
    )


def evaluation_rows():
    """The export's rows, in two queries (the stories, their themes), ordered by quarter
    and then reference."""
    stories = list(
        published_stories()
        .annotate(
            named_by=named_by(),
            has_note=Case(
                When(content_note="", then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
        )
        .order_by()
        .values_list(
            "pk",
            "translation_key",
            "kind",
            "sector",
            "first_published_at",
            "members_only",
            "named_by",
            "has_note",
            "body",
        )
    )
    themes = {}
    for story_id, name in (
        StoryThemes.objects.filter(storypage__in=published_stories().values("pk"))
        .order_by("storytheme__name")
        .values_list("storypage_id", "storytheme__name")
    ):
        themes.setdefault(story_id, []).append(name)

    kinds, sectors = dict(StoryKind.choices), dict(Sector.choices)
    rows = []
    for pk, key, kind, sector, published, members_only, named, has_note, body in stories:
        published = timezone.localtime(published).date()
        rows.append(
            [
                story_reference(key),
                str(kinds.get(kind, kind)),
                str(sectors.get(sector, gettext("No sector given"))),
                "; ".join(themes.get(pk, [])),
                quarter_label(published),
                gettext("Members only") if members_only else gettext("Everyone"),
                str(NAMED_BY[named]),
                gettext("Yes") if has_note else gettext("No"),
                rounded_words(word_count(body)),
            ]
        )
    return sorted(rows, key=lambda row: (row[4], row[0]))
