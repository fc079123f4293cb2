"""The analytics exports: CSV and Excel files holding the dashboard's figures, safely."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from resources.exports import csv_safe
from resources.models import ResourceEvent

from ..members.factories import approved_member
from .factories import FolderFactory, ResourceEventFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MARCH = {"start": "2025-03-01", "end": "2025-03-31"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def march(day):
    return datetime(2025, 3, day, 12, tzinfo=LONDON)


@pytest.fixture
def events(public_folder, members_folder):
    guide = ResourcePageFactory(parent=public_folder, title="Grounding guide", document=None)
    sneaky = ResourcePageFactory(
        parent=members_folder, title='=HYPERLINK("http://evil.example","Click")', document=None
    )
    FolderFactory(parent=public_folder.get_parent(), title="@Quiet folder")
    ash, bea = approved_member(), approved_member()
    for member in (ash, ash, bea, None):
        ResourceEventFactory(resource=guide, created_at=march(4), member=member)
    ResourceEventFactory(resource=guide, kind=ResourceEvent.Kind.PREVIEW, created_at=march(5))
    ResourceEventFactory(resource=sneaky, created_at=march(6), member=bea)
    ResourceEventFactory(resource=guide, created_at=datetime(2025, 4, 2, tzinfo=LONDON))
    return {"guide": guide, "sneaky": sneaky}


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the byte-order mark to read UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_resources_csv_holds_each_resources_figures_for_the_dates(signed_in, editor, events):
    response = signed_in(editor).get(reverse("resources_analytics:csv"), MARCH)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="resource-analytics-2025-03-01-to-2025-03-31.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == ["Resource", "Subject folder", "Downloads", "Previews", "Members"]
    assert sorted(rows[1:]) == sorted(
        [
            ["Grounding guide", "Workforce wellbeing", "4", "1", "2"],
            ['\'=HYPERLINK("http://evil.example","Click")', "Practice notes", "1", "0", "1"],
        ]
    )


def test_folders_csv_lists_every_folder(signed_in, editor, events):
    response = signed_in(editor).get(
        reverse("resources_analytics:csv"), {**MARCH, "table": "folders"}
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="folder-analytics-2025-03-01-to-2025-03-31.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == ["Subject folder", "Downloads", "Previews", "Members"]
    assert sorted(rows[1:]) == [
        ["'@Quiet folder", "0", "0", "0"],
        ["Practice notes", "1", "0", "1"],
        ["Workforce wellbeing", "4", "1", "2"],
    ]


def test_an_unknown_table_gives_the_resources_table(signed_in, editor, events):
    response = signed_in(editor).get(
        reverse("resources_analytics:csv"), {**MARCH, "table": "users"}
    )

    assert read_csv(response)[0][0] == "Resource"


def test_xlsx_has_resources_folders_over_time_and_summary_sheets(signed_in, editor, events):
    response = signed_in(editor).get(reverse("resources_analytics:xlsx"), MARCH)

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="resource-analytics-2025-03-01-to-2025-03-31.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Resources", "Folders", "Over time", "Summary"]
    resources = list(workbook["Resources"].iter_rows(values_only=True))
    assert resources[0] == ("Resource", "Subject folder", "Downloads", "Previews", "Members")
    assert ("Grounding guide", "Workforce wellbeing", 4, 1, 2) in resources
    folders = list(workbook["Folders"].iter_rows(values_only=True))
    assert ("Workforce wellbeing", 4, 1, 2) in folders
    over_time = list(workbook["Over time"].iter_rows(values_only=True))
    assert len(over_time) == 1 + 31
    assert over_time[4] == (datetime(2025, 3, 4), 4, 0)
    summary = dict(workbook["Summary"].iter_rows(values_only=True))
    assert summary["Downloads"] == 5
    assert summary["From"] == datetime(2025, 3, 1)


def test_xlsx_keeps_formula_like_titles_as_text(signed_in, editor, events):
    response = signed_in(editor).get(reverse("resources_analytics:xlsx"), MARCH)

    sheet = load_workbook(io.BytesIO(response.content))["Resources"]
    cell = next(cell for (cell, *_rest) in sheet.iter_rows() if "HYPERLINK" in str(cell.value))
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","Click")'


def test_exports_with_dates_to_fix_go_back_to_the_form(signed_in, editor):
    response = signed_in(editor).get(
        reverse("resources_analytics:csv"), {"start": "2025-03-31", "end": "2025-03-01"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("resources_analytics:dashboard") + "?")
    assert "start=2025-03-31" in response["Location"]


def test_exports_are_not_kept_in_shared_caches(signed_in, editor, events):
    response = signed_in(editor).get(reverse("resources_analytics:csv"), MARCH)

    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("Plain title", "Plain title"),
        ("A = B", "A = B"),
        (7, 7),
        (date(2025, 3, 1), date(2025, 3, 1)),
    ],
)
def test_csv_cells_a_spreadsheet_would_run_are_made_text(value, safe):
    assert csv_safe(value) == safe
