"""The patterns across an evaluation's sent stories (evaluation.patterns) and their plots
(evaluation.plots): which stories count, the filters, each kind of signifier's pattern,
the small-group rule, and that every plot shows what its table says."""

import re

from django.http import QueryDict
from django.urls import reverse

import pytest

from evaluation import patterns, plots, triads
from evaluation.models import Signifier

from .factories import EvaluationFactory, StoryFactory, answered, choice

pytestmark = pytest.mark.django_db


def tell(evaluation, triad=(50, 25, 25), value=40, sector="Health", **fields):
    """A sent story answering the evaluation's triad, slider and choice (None: "does not
    apply")."""
    triad_signifier, slider_signifier, choice_signifier = evaluation.signifiers.all()[:3]
    story = StoryFactory(evaluation=evaluation, **fields)
    return answered(
        story, {triad_signifier: triad, slider_signifier: value, choice_signifier: sector}
    )


def group_for(evaluation, query=""):
    signifiers = list(evaluation.signifiers.all())
    filters, ignored = patterns.choice_filters(evaluation, signifiers, QueryDict(query))
    return patterns.group_of(evaluation, signifiers, filters), filters, ignored


def pattern_of_kind(group, kind):
    return next(pattern for pattern in group.patterns if pattern.kind == kind)


def sector_filter(evaluation):
    return patterns.filter_name(evaluation.signifiers.get(question="Which sector do you work in?"))


# Which stories count -------------------------------------------------------------------


def test_only_sent_stories_count(evaluation):
    for _ in range(5):
        tell(evaluation)
    StoryFactory(evaluation=evaluation)  # still being written

    group, _filters, _ignored = group_for(evaluation)

    assert group.shown
    assert group.count == 5
    assert patterns.sent_stories(evaluation).count() == 5


def test_another_evaluations_stories_do_not_count(evaluation):
    other = EvaluationFactory()
    for _ in range(5):
        StoryFactory(evaluation=other, submitted_at="2026-01-01T10:00Z")
    for _ in range(4):
        tell(evaluation)

    group, _filters, _ignored = group_for(evaluation)

    assert not group.shown


def test_a_group_under_five_has_no_count_and_no_patterns(evaluation):
    for _ in range(4):
        tell(evaluation)

    group, _filters, _ignored = group_for(evaluation)

    assert not group.shown
    assert group.count is None
    assert group.patterns == ()
    assert group.stories == ()


# Filters -------------------------------------------------------------------------------


def test_filters_narrow_the_group_and_combine_with_and(evaluation):
    team = choice(evaluation, options=("Alone", "In a team"), question="Who with?")
    for index in range(12):
        story = tell(evaluation, sector="Health" if index < 8 else "Justice")
        answered(story, {team: "In a team" if index % 2 == 0 else "Alone"})

    health, _f, _i = group_for(evaluation, f"{sector_filter(evaluation)}=Health")
    both, _f, _i = group_for(
        evaluation, f"{sector_filter(evaluation)}=Health&{patterns.filter_name(team)}=In+a+team"
    )

    assert health.count == 8
    assert not both.shown  # 4 stories: too few to show


def test_the_filters_offer_earlier_wordings_and_count_the_whole_evaluation(evaluation):
    for _ in range(6):
        tell(evaluation, sector="Health")
    for _ in range(2):
        tell(evaluation, sector="Social work")  # reworded since as "Social care"

    _group, filters, _ignored = group_for(evaluation)
    options = {option.value: option for option in filters[0].options}

    assert list(options)[:4] == ["Health", "Social care", "Education", "Justice"]
    assert options["Social work"].earlier_wording
    assert options["Health"].shown_count == 6
    assert options["Social work"].count == 2
    assert options["Social work"].shown_count is None  # shown as "fewer than 5"


def test_an_earlier_wording_filters_too(evaluation):
    for _ in range(5):
        tell(evaluation, sector="Social work")
    tell(evaluation, sector="Health")

    group, _f, _i = group_for(evaluation, f"{sector_filter(evaluation)}=Social+work")

    assert group.count == 5


def test_unknown_filters_are_left_out_and_said_so(evaluation):
    for _ in range(5):
        tell(evaluation)

    for query in (
        f"{sector_filter(evaluation)}=Astronomy",
        "choice_999999=Health",
        "choice_abc=Health",
    ):
        group, filters, ignored = group_for(evaluation, query)
        assert ignored, query
        assert group.count == 5, query
        assert not patterns.is_filtered(filters), query


# Patterns ------------------------------------------------------------------------------


def test_a_triads_points_are_the_stories_placements(evaluation):
    stories = [tell(evaluation, triad=(10 * i, 100 - 10 * i, 0)) for i in range(5)]
    tell(evaluation, triad=None)

    group, _f, _i = group_for(evaluation)
    triad = pattern_of_kind(group, Signifier.Kind.TRIAD)

    assert [point.story_id for point in triad.points] == [story.pk for story in stories]
    assert triad.points[2].weights == (20, 80, 0)
    assert triad.points[2].xy == triads.point((20, 80, 0))
    assert triad.not_applicable == 1


def test_a_sliders_bins_run_from_0_9_to_90_100(evaluation):
    for value in (0, 9, 10, 55, 99, 100):
        tell(evaluation, value=value)
    tell(evaluation, value=None)

    group, _f, _i = group_for(evaluation)
    slider = pattern_of_kind(group, Signifier.Kind.SLIDER)

    assert [item.label for item in slider.bins][0] == "0\u20139"
    assert slider.bins[-1].label == "90\u2013100"
    assert [item.count for item in slider.bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert slider.not_applicable == 1


def test_a_choices_counts_include_earlier_wordings_and_does_not_apply(evaluation):
    for sector in ("Health", "Health", "Justice", "Social work", None):
        tell(evaluation, sector=sector)

    group, _f, _i = group_for(evaluation)
    sector = pattern_of_kind(group, Signifier.Kind.CHOICE)
    counts = {item.option: item.count for item in sector.counts}

    assert counts == {
        "Health": 2,
        "Social care": 0,
        "Education": 0,
        "Justice": 1,
        "Social work": 1,
    }
    assert sector.not_applicable == 1


def test_a_signifier_added_later_counts_its_stories_as_unanswered(evaluation):
    for _ in range(5):
        tell(evaluation)
    later = choice(evaluation, options=("Yes", "No"), question="Would you tell others?")

    group, _f, _i = group_for(evaluation)
    pattern = next(item for item in group.patterns if item.signifier == later)

    assert pattern.unanswered == 5
    assert pattern.not_applicable == 0


def test_the_export_has_one_row_a_story_and_no_teller(evaluation):
    for _ in range(4):
        tell(evaluation)
    tell(evaluation, triad=None, value=None, sector=None, title="Not for me")

    group, _f, _i = group_for(evaluation)
    signifiers = list(evaluation.signifiers.all())
    header = patterns.export_header(signifiers)
    rows = list(patterns.export_rows(group, signifiers))

    assert header[:4] == ["Story number", "Date sent", "Title", "Story"]
    assert len(header) == 4 + 3 + 1 + 1
    assert len(rows) == 5
    assert rows[0][4:] == [50, 25, 25, 40, "Health"]
    assert rows[-1][4:] == ["does not apply"] * 5


# Plots ---------------------------------------------------------------------------------


def test_a_triad_plot_has_a_linked_point_for_each_placement(evaluation):
    for i in range(5):
        tell(evaluation, triad=(100 - 20 * i, 20 * i, 0))
    group, _f, _i = group_for(evaluation)
    triad = pattern_of_kind(group, Signifier.Kind.TRIAD)

    svg = plots.triad_svg(triad, "plot", lambda pk: f"/stories/{pk}/")

    assert 'role="img"' in svg
    assert '<title id="plot-title">' in svg and '<desc id="plot-desc">' in svg
    assert svg.count("<circle") == 5
    assert "style" not in svg
    for label in ("Safety", "Trust", "Choice"):
        assert f">{label}</text>" in svg
    for point in triad.points:
        x, y = triads.point(point.weights)
        assert f'<a href="/stories/{point.story_id}/"' in svg
        assert f'cx="{x}" cy="{y}"' in svg


def test_plot_texts_are_escaped(evaluation):
    signifier = evaluation.signifiers.get(kind=Signifier.Kind.TRIAD)
    signifier.label_a = "<script>x</script>"
    signifier.save()
    for _ in range(5):
        tell(evaluation, title="<b>bold</b>")
    group, _f, _i = group_for(evaluation)

    svg = plots.triad_svg(pattern_of_kind(group, Signifier.Kind.TRIAD), "p", str)

    assert "<script>" not in svg and "<b>" not in svg


def test_a_histogram_has_ten_bars_as_counted(evaluation):
    for value in (5, 5, 15, 95, 100):
        tell(evaluation, value=value)
    group, _f, _i = group_for(evaluation)
    slider = pattern_of_kind(group, Signifier.Kind.SLIDER)

    svg = plots.histogram_svg(slider, "h")

    assert 'role="img"' in svg
    assert svg.count("<rect") == 3  # empty bins have no bar
    assert 'data-bin="0" data-count="2"' in svg
    assert 'data-bin="90" data-count="2"' in svg
    assert svg.count("data-bin-count=") == 10


# The page: plots match tables ----------------------------------------------------------


def plot_points(html, signifier):
    section = section_of(html, signifier)
    svg = section[section.index("<svg") : section.index("</svg>")]
    links = r'<a href="[^"]+" tabindex="-1" data-story="(\d+)" data-weights="([\d,]+)"'
    return sorted(re.findall(links, svg))


def table_points(html, signifier):
    section = section_of(html, signifier)
    table = section[section.index("<table") :]
    return sorted(re.findall(r'<tr data-story="(\d+)" data-weights="([\d,]+)"', table))


def section_of(html, signifier):
    start = html.index(f'data-signifier="{signifier.pk}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_on_the_patterns_page_every_plot_matches_its_table(signed_in, editor, evaluation):
    placements = [(80, 10, 10), (10, 80, 10), (10, 10, 80), (34, 33, 33), (50, 50, 0), None]
    values = [0, 12, 12, 47, 100, 99]
    for triad, value in zip(placements, values, strict=True):
        tell(evaluation, triad=triad, value=value)
    triad_signifier, slider_signifier, choice_signifier = evaluation.signifiers.all()[:3]

    page = (
        signed_in(editor).get(reverse("narrative_evaluations:patterns", args=[evaluation.pk])).text
    )

    in_plot = plot_points(page, triad_signifier)
    assert len(in_plot) == 5
    assert in_plot == table_points(page, triad_signifier)
    slider_section = section_of(page, slider_signifier)
    plot_counts = dict(re.findall(r'data-bin="(\d+)" data-count="(\d+)"/>', slider_section))
    table_counts = dict(re.findall(r'<tr data-bin="(\d+)" data-count="(\d+)">', slider_section))
    assert len(table_counts) == 10
    assert plot_counts == {low: count for low, count in table_counts.items() if count != "0"}
    assert table_counts["10"] == "2" and table_counts["90"] == "2"
    choice_section = section_of(page, choice_signifier)
    assert 'data-option="Health" data-count="6"' in choice_section
    assert 'data-not-applicable="1"' in section_of(page, triad_signifier)
