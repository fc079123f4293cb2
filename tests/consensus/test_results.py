"""Consensus results: the members' results pages (every closed round, one round, the final
report), the SVG charts and their tables, the editors' CSV and XLSX exports, the same
suppression below `Study.MIN_RATERS` opinions everywhere, who may open each URL, and the
results page's query count."""

import csv
import re
from datetime import timedelta
from io import BytesIO, StringIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from consensus import results, rounds
from consensus.models import Study

from ..members.factories import approved_member
from .factories import (
    ParticipantFactory,
    RoundFactory,
    SectionFactory,
    StatementFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

FEWER = "Fewer than 5 people gave an opinion"

# Statement 1.1: opinions 2 5 7 7 7 8 8 9 9 and one "no opinion". Sorted, n = 9; inclusive
# quartiles at positions 2, 4, 6: q1 7, median 7, q3 8, IQR 1. Agree 7/9 = 77.8%, unsure
# 1/9 = 11.1%, disagree 1/9 = 11.1%: at least 70% and under 15%, so consensus.
AGREED = [7, 7, 7, 8, 8, 9, 9, 5, 2, None]
# Statement 1.3: 1 2 5 6 7 7 8 9, n = 8; positions 1.75, 3.5, 5.25: q1 2 + 0.75 * 3 = 4.25,
# median 6.5, q3 7 + 0.25 = 7.25, IQR 3. Agree 4/8 = 50%, unsure 25%, disagree 25%: no.
SPLIT = [1, 2, 5, 6, 7, 7, 8, 9]
# Statement 1.2: four opinions and three "no opinion": fewer than 5, so never shown.
FEW = [9, 9, 9, 9, None, None, None]


# Set-up -----------------------------------------------------------------------------------


def participants(study, count):
    """`count` participants of `study`: those it has, then new ones."""
    have = list(study.participants.order_by("pk")[:count])
    return have + [ParticipantFactory(study=study) for _ in range(count - len(have))]


def run_round(study, ratings, close=True):
    """Open the study's next round, rate it ({statement text: [value, ...]}, one value per
    participant; statements not named get no ratings) and close it, unless `close` is
    false."""
    round = RoundFactory(study=study)
    asked = {item.statement.text: item for item in rounds.open_round(round)}
    people = participants(study, max((len(values) for values in ratings.values()), default=0))
    for text, values in ratings.items():
        for participant, value in zip(people, values, strict=False):
            rounds.save_rating(participant, asked[text], value, "A comment by me")
    if close:
        rounds.close_round(round)
    round.refresh_from_db()
    return round


@pytest.fixture
def closed_round(study):
    return run_round(
        study, {"Statement 1.1": AGREED, "Statement 1.2": FEW, "Statement 1.3": SPLIT}
    )


@pytest.fixture
def panel_member(db):
    return approved_member()


@pytest.fixture
def panel_study(panel_member):
    study = StudyFactory(slug="panel", audience=Study.Audience.PANEL, panel=[panel_member])
    StatementFactory(section=SectionFactory(study=study), text="Statement P")
    run_round(study, {"Statement P": [7, 7, 7, 7, 7]})
    return study


def results_url(study):
    return reverse("consensus:results", args=[study.slug])


def round_results_url(study, number=1):
    return reverse("consensus:round_results", args=[study.slug, number])


def admin_url(name, study):
    return reverse(f"consensus_studies:{name}", args=[study.pk])


def row_of(html, text):
    """The results-table row of the statement worded `text`."""
    match = re.search(r"<tr[^>]*data-result=[^>]*>(?:(?!</tr>).)*?" + re.escape(text), html, re.S)
    assert match, text
    end = html.index("</tr>", match.start())
    return html[match.start() : end]


def cells(row):
    """The text of each numeric cell of a results-table row, by its data- name."""
    found = {}
    for name, content in re.findall(r"<td[^>]*data-([a-z-]+)[^>]*>(.*?)</td>", row, re.S):
        # Less the heading that small screens show in each cell.
        content = re.sub(r'<span class="nhsuk-table-responsive__heading".*?</span>', "", content)
        text = re.sub(r"<[^>]+>", " ", content)
        found[name] = " ".join(text.split())
    return found


def without_numbers_expected(html):
    """The text of `html` less the statement's name and the "fewer than 5" sentence."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return text.replace("Statement 1.2", "").replace(FEWER, "")


def block_of(html, statement_id):
    start = html.rindex("<section", 0, html.index(f'data-statement-result="{statement_id}"'))
    end = html.find("</section>", start)
    return html[start:end]


def csv_rows(response):
    return list(csv.reader(StringIO(response.content.decode("utf-8-sig"))))


def statement_id(study, text):
    return study.sections.get(statements__text=text).statements.get(text=text).pk


# The pages show the stored results --------------------------------------------------------


def test_the_round_page_shows_the_hand_computed_results(signed_in, member, study, closed_round):
    response = signed_in(member).get(round_results_url(study))

    assert response.status_code == 200
    agreed = cells(row_of(response.text, "Statement 1.1"))
    assert agreed["counted"] == "9"
    assert agreed["no-opinion"] == "1"
    assert agreed["median"] == "7"
    assert agreed["iqr"] == "1 (7 to 8)"
    assert (agreed["agree"], agreed["unsure"], agreed["disagree"]) == ("77.8%", "11.1%", "11.1%")
    assert agreed["consensus"].endswith("Yes")
    split = cells(row_of(response.text, "Statement 1.3"))
    assert (split["counted"], split["no-opinion"], split["median"]) == ("8", "0", "6.5")
    assert split["iqr"] == "3 (4.25 to 7.25)"
    assert (split["agree"], split["unsure"], split["disagree"]) == ("50%", "25%", "25%")
    assert split["consensus"].endswith("No")


def test_the_study_results_page_shows_every_closed_round(signed_in, member, study, closed_round):
    run_round(study, {"Statement 1.3": [7, 7, 7, 7, 8, 9]})

    response = signed_in(member).get(results_url(study))

    assert response.status_code == 200
    assert 'data-round-results="1"' in response.text
    assert 'data-round-results="2"' in response.text
    assert "data-final-report" not in response.text  # not finished yet
    second = response.text[response.text.index('data-round-results="2"') :]
    assert cells(row_of(second, "Statement 1.3"))["agree"] == "100%"
    # Round 2 did not ask what round 1 agreed.
    assert f'data-result="{statement_id(study, "Statement 1.1")}"' not in second


def test_the_csv_holds_the_hand_computed_results(signed_in, editor, study, closed_round):
    response = signed_in(editor).get(admin_url("results_csv", study))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert header[:4] == [
        "Round",
        "Section",
        "Statement (as worded in that round)",
        "Gave an opinion",
    ]
    by_text = {row[2]: row for row in rows}
    assert by_text["Statement 1.1"] == [
        "1", "Section 1", "Statement 1.1", "9", "1", "7", "7", "8", "1",
        "77.8", "11.1", "11.1", "Yes",
    ]  # fmt: skip
    assert by_text["Statement 1.3"] == [
        "1", "Section 1", "Statement 1.3", "8", "0", "6.5", "4.25", "7.25", "3",
        "50", "25", "25", "No",
    ]  # fmt: skip
    assert len(rows) == 6  # every statement the round asked, in the editors' order
    assert [row[2] for row in rows] == [f"Statement {s}.{n}" for s in (1, 2) for n in (1, 2, 3)]


def test_the_xlsx_holds_the_same_results_as_the_csv(signed_in, editor, study, closed_round):
    client = signed_in(editor)
    csv_table = csv_rows(client.get(admin_url("results_csv", study)))

    response = client.get(admin_url("results_xlsx", study))

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [["" if cell is None else str(cell) for cell in row] for row in sheet.values]
    assert values == csv_table


# Fewer than 5 opinions: no numbers anywhere ----------------------------------------------


def test_a_result_of_fewer_than_five_has_no_numbers_on_the_pages(
    signed_in, member, study, closed_round
):
    client = signed_in(member)
    few = statement_id(study, "Statement 1.2")
    for url in (round_results_url(study), results_url(study)):
        html = client.get(url).text
        row = row_of(html, "Statement 1.2")
        assert "data-hidden-result" in row
        assert cells(row) == {}
        assert FEWER in re.sub(r"\s+", " ", row)
        assert not re.search(r"\d", without_numbers_expected(row)), url
    block = block_of(client.get(round_results_url(study)).text, few)
    assert "<svg" not in block
    assert "data-distribution" not in block
    assert not re.search(r"\d", without_numbers_expected(block))


def test_a_result_of_fewer_than_five_has_no_numbers_in_the_exports(
    signed_in, editor, study, closed_round
):
    client = signed_in(editor)
    rows = csv_rows(client.get(admin_url("results_csv", study)))
    few = next(row for row in rows if row[2] == "Statement 1.2")
    assert few == ["1", "Section 1", "Statement 1.2", "", "", "", "", "", "", "", "", "", FEWER]
    # Statements nobody rated are hidden in the same way.
    assert next(row for row in rows if row[2] == "Statement 2.1")[3:] == few[3:]

    workbook = load_workbook(BytesIO(client.get(admin_url("report_xlsx", study)).content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row[2] == "Statement 1.2":
                assert row[3:-1] == (None,) * 9
                assert row[-1] == FEWER


def test_five_opinions_are_shown(signed_in, member, study):
    run_round(study, {"Statement 1.1": [1, 2, 3, 9, None]})  # four opinions: hidden
    study_two = StudyFactory()
    StatementFactory(section=SectionFactory(study=study_two), text="Five")
    run_round(study_two, {"Five": [1, 2, 3, 9, 9]})

    hidden = signed_in(member).get(round_results_url(study)).text
    shown = signed_in(member).get(round_results_url(study_two)).text

    assert "data-hidden-result" in row_of(hidden, "Statement 1.1")
    assert cells(row_of(shown, "Five"))["counted"] == "5"


# The final report ---------------------------------------------------------------------------


@pytest.fixture
def finished_study(study):
    """Three rounds: 1.1 agreed in round 1, 1.3 and 2.1 in round 2, the rest never."""
    run_round(study, {"Statement 1.1": AGREED, "Statement 1.3": SPLIT, "Statement 2.2": SPLIT})
    agreeing = [7, 8, 9, 9, 9, 7]
    run_round(
        study, {"Statement 1.3": agreeing, "Statement 2.1": agreeing, "Statement 2.2": SPLIT}
    )
    run_round(study, {"Statement 1.2": FEW, "Statement 2.2": [5, 5, 5, 6, 6]})
    rounds.finish(study)
    return study


def test_the_final_report_lists_statements_by_the_round_they_reached_consensus(
    signed_in, member, finished_study
):
    html = signed_in(member).get(results_url(finished_study)).text

    report = html[
        html.index("data-final-report") : html.index("</section>", html.index("data-final-report"))
    ]
    round_one = report[report.index('data-agreed-in="1"') : report.index('data-agreed-in="2"')]
    round_two = report[report.index('data-agreed-in="2"') : report.index("data-not-agreed")]
    not_agreed = report[report.index("data-not-agreed") :]
    assert "Statement 1.1" in round_one and "Statement 1.3" not in round_one
    assert "Statement 1.3" in round_two and "Statement 2.1" in round_two
    assert 'data-agreed-in="3"' not in report
    for text in ("Statement 1.2", "Statement 2.2", "Statement 2.3"):
        assert text in not_agreed
        assert text not in round_one + round_two
    # Not agreed: each with its last round's result (2.2 in round 3: median 5, 0% agree).
    last = cells(row_of(not_agreed, "Statement 2.2"))
    assert last["median"] == "5" and last["agree"] == "0%"
    assert "data-hidden-result" in row_of(not_agreed, "Statement 1.2")


def test_final_summary_takes_the_first_round_that_agreed(finished_study):
    summary = results.final_summary(results.study_results(finished_study))

    agreed = {number: [item.text for item in items] for number, items in summary.agreed}
    assert agreed == {1: ["Statement 1.1"], 2: ["Statement 1.3", "Statement 2.1"]}
    assert [(item.text, item.round_number) for item in summary.not_agreed] == [
        ("Statement 1.2", 3),
        ("Statement 2.2", 3),
        ("Statement 2.3", 3),
    ]


def test_the_final_report_workbook(signed_in, editor, finished_study):
    response = signed_in(editor).get(admin_url("report_xlsx", finished_study))

    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    agreed, not_agreed, every = workbook.worksheets
    assert [row[0:3:2] for row in agreed.iter_rows(min_row=2, values_only=True)] == [
        (1, "Statement 1.1"),
        (2, "Statement 1.3"),
        (2, "Statement 2.1"),
    ]
    assert [row[0:3:2] for row in not_agreed.iter_rows(min_row=2, values_only=True)] == [
        (3, "Statement 1.2"),
        (3, "Statement 2.2"),
        (3, "Statement 2.3"),
    ]
    assert every.max_row == 1 + 6 + 5 + 3


def test_exports_name_nobody_and_hold_no_rating_or_comment(signed_in, editor, finished_study):
    client = signed_in(editor)
    texts = [client.get(admin_url("results_csv", finished_study)).content.decode("utf-8-sig")]
    for name in ("results_xlsx", "report_xlsx"):
        workbook = load_workbook(BytesIO(client.get(admin_url(name, finished_study)).content))
        texts += [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        ]
    exported = "\n".join(texts)
    assert "A comment by me" not in exported
    for participant in finished_study.participants.select_related("member"):
        user = participant.member
        assert user.email not in exported
        assert user.get_full_name() not in exported
        assert f"Participant {participant.pk}" not in exported
    assert "participant" not in exported.lower()


# The chart and its table ------------------------------------------------------------------


def svg_of(block):
    return block[block.index("<svg") : block.index("</svg>") + len("</svg>")]


def test_the_chart_and_its_table_hold_the_same_numbers(signed_in, member, study, closed_round):
    html = signed_in(member).get(round_results_url(study)).text
    block = block_of(html, statement_id(study, "Statement 1.1"))
    svg = svg_of(block)
    table = block[block.index("<table") :]

    in_svg = dict(re.findall(r'<text[^>]*data-rating="(\w+)"[^>]*>(\d+)</text>', svg))
    in_table = dict(re.findall(r'<td[^>]*data-rating="(\w+)"[^>]*>(\d+)</td>', table))

    expected = {"1": "0", "2": "1", "3": "0", "4": "0", "5": "1", "6": "0"}
    expected |= {"7": "3", "8": "2", "9": "2", "none": "1"}
    assert in_svg == in_table == expected
    assert 'role="img"' in svg
    assert re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', svg)
    assert "<title id=" in svg
    assert '<caption class="nhsuk-table__caption' in table
    assert table.count('scope="row"') == 10


def test_the_chart_has_no_style_or_script_and_escapes_the_statement(signed_in, member, study):
    statement = study.sections.first().statements.first()
    statement.text = 'Staff <b>listen</b> & "act"'
    statement.save()
    run_round(study, {statement.text: [7, 7, 8, 9, 9]})

    html = signed_in(member).get(round_results_url(study)).text
    svg = svg_of(block_of(html, statement.pk))

    assert not re.search(r"\sstyle\s*=", svg, re.I)
    assert "<style" not in svg.lower()
    assert "<script" not in svg.lower()
    assert "&lt;b&gt;listen&lt;/b&gt; &amp; &quot;act&quot;" in svg
    assert "<b>listen" not in html
    assert not re.search(r"\sstyle\s*=", html, re.I)


def test_no_chart_is_drawn_for_a_hidden_result(study, closed_round):
    from consensus import charts

    round_result = results.round_results(results.closed_rounds(study, 1)[0])
    hidden = next(item for item in round_result.statements if item.text == "Statement 1.2")
    assert not hidden.shown and hidden.distribution == () and hidden.counted is None
    assert charts.distribution_svg(hidden, study.rule(), "chart") == ""


# A round not closed: no results -----------------------------------------------------------


def test_a_round_not_closed_has_no_results(signed_in, member, editor, study):
    round = run_round(study, {"Statement 1.1": AGREED}, close=False)
    client = signed_in(member)

    response = client.get(round_results_url(study, round.number))
    assert response.status_code == 200
    assert "data-results-not-yet" in response.text
    assert "data-results-table" not in response.text
    assert "data-chart" not in response.text

    listing = client.get(results_url(study))
    assert "data-no-results" in listing.text
    assert "data-results-table" not in listing.text

    # Past its closing time but not yet closed by the timer: still nothing.
    round.closes_at = timezone.now() - timedelta(minutes=1)
    round.save()
    assert "data-results-not-yet" in client.get(round_results_url(study, round.number)).text

    export = csv_rows(signed_in(editor).get(admin_url("results_csv", study)))
    assert len(export) == 1  # the header only


def test_a_future_round_gets_the_kind_page(signed_in, member, study, closed_round):
    RoundFactory(
        study=study,
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=10),
    )
    response = signed_in(member).get(round_results_url(study, 2))
    assert response.status_code == 200
    assert "data-results-not-yet" in response.text


def test_a_round_that_does_not_exist_is_not_found(signed_in, member, study, closed_round):
    assert signed_in(member).get(round_results_url(study, 9)).status_code == 404


def test_the_study_page_links_to_the_results(signed_in, member, study, closed_round):
    html = signed_in(member).get(reverse("consensus:study", args=[study.slug])).text
    assert f'href="{results_url(study)}"' in html
    assert f'href="{round_results_url(study, 1)}"' in html


def test_the_rounds_admin_page_links_to_the_exports(signed_in, editor, study, closed_round):
    html = signed_in(editor).get(admin_url("rounds", study)).text
    for name in ("results_csv", "results_xlsx", "report_xlsx"):
        assert f'href="{admin_url(name, study)}"' in html


# Who may open what --------------------------------------------------------------------------


MEMBERS_PAGES = ["results", "round_results"]


def members_url(name, study):
    return results_url(study) if name == "results" else round_results_url(study, 1)


@pytest.mark.parametrize("name", MEMBERS_PAGES)
@pytest.mark.parametrize(
    ("person", "expected"),
    [("visitor", 302), ("pending", 403), ("declined", 403), ("member", 200), ("editor", 200)],
)
def test_only_approved_members_open_the_results_pages(
    signed_in, people, study, closed_round, name, person, expected
):
    response = signed_in(people[person]).get(members_url(name, study))

    assert response.status_code == expected
    if person == "visitor":
        assert "/accounts/login/" in response["Location"]
    if expected != 200:
        assert "77.8" not in response.text


@pytest.mark.parametrize("name", MEMBERS_PAGES)
def test_a_panel_studys_results_are_not_found_by_a_member_not_invited(
    signed_in, member, panel_member, panel_study, name
):
    assert signed_in(member).get(members_url(name, panel_study)).status_code == 404
    assert signed_in(panel_member).get(members_url(name, panel_study)).status_code == 200


@pytest.mark.parametrize("name", MEMBERS_PAGES)
def test_the_results_pages_take_only_get(signed_in, member, study, closed_round, name):
    assert signed_in(member).post(members_url(name, study)).status_code == 405


EXPORTS = ["results_csv", "results_xlsx", "report_xlsx"]


@pytest.mark.parametrize("name", EXPORTS)
def test_only_editors_download_the_exports(
    signed_in, people, moderator, study, closed_round, name
):
    url = admin_url(name, study)

    visitor = signed_in(None).get(url)
    assert visitor.status_code == 302
    assert "Content-Disposition" not in visitor
    for person in ("pending", "member"):
        refused = signed_in(people[person]).get(url)
        assert refused.status_code == 403, person
        assert "Content-Disposition" not in refused
    moderated = signed_in(moderator).get(url)
    assert moderated.status_code == 302
    assert moderated["Location"] == reverse("wagtailadmin_home")
    assert "Content-Disposition" not in moderated

    allowed = signed_in(people["editor"]).get(url)
    assert allowed.status_code == 200
    assert allowed["Content-Disposition"].startswith("attachment")
    assert allowed["Cache-Control"].startswith("private, no-store")


def test_an_export_of_a_study_that_does_not_exist_is_not_found(signed_in, editor):
    url = reverse("consensus_studies:results_csv", args=[999999])
    assert signed_in(editor).get(url).status_code == 404


# Query count --------------------------------------------------------------------------------


def study_with(statements, member):
    """A finished study of `statements` statements, rated by six people in one round."""
    study = StudyFactory()
    section = SectionFactory(study=study)
    for number in range(statements):
        StatementFactory(section=section, text=f"Statement {number}")
    run_round(study, {f"Statement {number}": SPLIT for number in range(statements)})
    rounds.finish(study)
    return study


@pytest.mark.parametrize("page", ["results", "round_results"])
def test_the_results_pages_query_count_does_not_grow_with_statements(
    signed_in, member, django_assert_num_queries, page
):
    client = signed_in(member)
    small, large = study_with(6, member), study_with(12, member)
    for study in (small, large):
        assert client.get(members_url(page, study)).status_code == 200

    with CaptureQueriesContext(connection) as six:
        assert client.get(members_url(page, small)).status_code == 200
    with django_assert_num_queries(len(six.captured_queries)):
        response = client.get(members_url(page, large))

    assert response.text.count("data-result=") >= 12
