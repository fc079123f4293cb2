"""A member takes part in a consensus study in a real browser, then reads the results (issue 11).

Five other members have already rated round 1 of a study of two sections of two
statements. The member signs in, finds the study, rates the first statement by keyboard
only (arrow keys through the radios), sees the autosave say so and finds the choice kept
after a reload; rates the rest with clicks (one "No opinion", one with a comment) and saves.
The round closes, as the timer would close it; the member comes back, reads the results
(median, % agreeing and consensus for each statement) and the round's charts with their
tables, and never meets their own name there. axe (no serious or critical violations) and
the CSP recorder watch every page. Screenshots go to /tmp/consensus-shots/.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from consensus import rounds
from consensus.models import Rating

from ..consensus.factories import (
    ParticipantFactory,
    RoundFactory,
    SectionFactory,
    StatementFactory,
    StudyFactory,
)
from ..members.factories import approved_member
from .admin import sign_in
from .conftest import serious_axe_violations
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/consensus-shots")
TITLE = "Principles of trauma-informed care"
SLUG = "principles"
SECTIONS = {
    "Safety and trust": [
        "Staff explain what will happen before any care or support begins.",
        "People can choose who is in the room with them.",
    ],
    "Working together": [
        "People who use services help to design them.",
        "Staff are required to ask everyone about past trauma at the first meeting.",
    ],
}
#: The five other members' ratings of each statement, in order (None: no opinion).
OTHERS = [
    [8, 8, 9, 7, 7],
    [3, 5, 6, 7, 8],
    [7, 8, 9, 9, 8],
    [2, 3, 1, 5, 6],
]
COMMENT = "Asking should be offered, never required, and only once trust has been built."
#: With the member's own answers (8, 7, no opinion, 2): median, % agreeing, consensus.
EXPECTED = [
    ("8", "100%", "Yes"),
    ("6.5", "50%", "No"),
    ("8", "100%", "Yes"),
    ("2.5", "0%", "No"),
]
FIRST_NAME, LAST_NAME = "Morwenna", "Trelawney"


def screenshot(page, name, **kwargs):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True, **kwargs)


def csp_violations(page):
    return page.evaluate("window.__cspViolations || []")


def no_problems(page):
    """No serious or critical axe violations, and no CSP violations so far on this page."""
    assert serious_axe_violations(page) == [], page.url
    assert csp_violations(page) == [], page.url


def no_names(page, *names):
    html = page.content()
    for name in names:
        assert name not in html, f"{name!r} on {page.url}"


@pytest.fixture
def study(demo_pages):
    """The study, its open round 1 (statements fixed) and five members' ratings in it."""
    study = StudyFactory(title=TITLE, slug=SLUG)
    for section_order, (section_title, texts) in enumerate(SECTIONS.items(), start=1):
        section = SectionFactory(study=study, title=section_title, sort_order=section_order)
        for order, text in enumerate(texts, start=1):
            StatementFactory(section=section, text=text, sort_order=order)
    round = RoundFactory(study=study, number=1)
    asked = sorted(
        rounds.open_round(round),
        key=lambda item: (item.statement.section.sort_order, item.statement.sort_order),
    )
    for person in range(5):
        participant = ParticipantFactory(study=study)
        for item, values in zip(asked, OTHERS, strict=True):
            rounds.save_rating(participant, item, values[person])
    return study, round, asked


def test_a_member_rates_a_round_and_reads_the_results_after_it_closes(page, live_server, study):
    study, round, asked = study
    member = approved_member(user__first_name=FIRST_NAME, user__last_name=LAST_NAME)
    others = [p.member for p in study.participants.select_related("member")]
    other_names = [name for user in others for name in (user.last_name, user.email)]
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    sign_in(page, live_server, member)

    # 1. The listing, the study, and into round 1.
    page.goto("/consensus/")
    expect(page.locator("h1")).to_have_text("Consensus studies")
    item = page.locator(f"[data-study='{SLUG}']")
    expect(item.locator("[data-state='open']")).to_have_text("Open")
    no_problems(page)
    screenshot(page, "01-studies.png")
    item.get_by_role("link", name=TITLE).click()

    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("[data-state-text]")).to_contain_text("Round 1 is open until")
    no_problems(page)
    screenshot(page, "02-study-open.png")
    page.get_by_role("link", name="Take part in round 1").click()

    expect(page.locator("h1")).to_have_text("Round 1")
    expect(page.locator("[data-progress]")).to_have_text("You have rated 0 of 4 statements.")
    for section_title in SECTIONS:
        expect(page.get_by_role("heading", name=section_title, level=2)).to_be_visible()
    expect(page.locator("[data-statement]")).to_have_count(4)
    no_problems(page)
    screenshot(page, "03-round-empty.png")

    # 2. The first statement by keyboard only: focus its first radio, arrow down to 8.
    first = page.locator(f"[data-statement='{asked[0].pk}']")
    radios = first.locator("input[data-rating]")
    expect(radios).to_have_count(10)  # 1 to 9, and No opinion
    radios.first.focus()
    expect(radios.first).to_be_focused()
    expect(radios.first).not_to_be_checked()
    save_url = f"/consensus/{SLUG}/round/1/save/"
    for _ in range(7):
        # At a person's pace: each arrow press checks the next radio, which saves it.
        with page.expect_response(lambda response: response.url.endswith(save_url)) as saved:
            page.keyboard.press("ArrowDown")
        assert saved.value.ok
    eight = first.get_by_role("radio", name="8 – agree", exact=True)
    expect(eight).to_be_focused()
    expect(eight).to_be_checked()
    status = first.locator("xpath=following-sibling::p[@data-autosave-status][1]")
    expect(status).to_have_text("Saved. 3 left to rate.")
    screenshot(page, "04-round-keyboard-autosaved.png")
    assert Rating.objects.get(asked=asked[0], participant__member=member).value == 8

    page.reload()
    expect(page.locator("[data-progress]")).to_have_text("You have rated 1 of 4 statements.")
    expect(first.get_by_role("radio", name="8 – agree", exact=True)).to_be_checked()
    expect(first.locator("input[data-rating]:checked")).to_have_count(1)
    assert csp_violations(page) == [], page.url

    # 3. The others with clicks: a 7, a "No opinion", and a 2 with a comment; then save.
    statement = [page.locator(f"[data-statement='{item.pk}']") for item in asked]
    statement[1].get_by_role("radio", name="7 – agree", exact=True).check()
    statement[2].get_by_role("radio", name="No opinion", exact=True).check()
    statement[3].get_by_role("radio", name="2 – disagree", exact=True).check()
    page.get_by_label("Comment on statement 4 (optional)").fill(COMMENT)
    screenshot(page, "05-round-filled.png")
    page.get_by_role("button", name="Save my answers").click()

    banner = page.locator(".nhsuk-notification-banner--success")
    expect(banner).to_contain_text("Your answers are saved, and you have rated every statement.")
    expect(page.locator("[data-progress]")).to_have_text("You have rated 4 of 4 statements.")
    expect(statement[0].get_by_role("radio", name="8 – agree", exact=True)).to_be_checked()
    expect(statement[2].get_by_role("radio", name="No opinion", exact=True)).to_be_checked()
    expect(page.get_by_label("Comment on statement 4 (optional)")).to_have_value(COMMENT)
    no_problems(page)
    screenshot(page, "06-round-saved.png")
    mine = {
        rating.asked_id: (rating.value, rating.comment)
        for rating in Rating.objects.filter(participant__member=member)
    }
    assert mine == {
        asked[0].pk: (8, ""),
        asked[1].pk: (7, ""),
        asked[2].pk: (None, ""),
        asked[3].pk: (2, COMMENT),
    }

    # The way back to the study, at desktop width too.
    page.locator("a.nhsuk-back-link").click()
    expect(page).to_have_url(re.compile(f"/consensus/{SLUG}/$"))
    expect(page.locator("[data-progress]")).to_contain_text("You have rated every statement")
    expect(page.get_by_role("link", name="Carry on with round 1")).to_be_visible()
    assert csp_violations(page) == [], page.url

    # 4. The round closes, as the timer would close it; the member comes back.
    rounds.close_round(round)
    page.goto("/consensus/")
    expect(page.locator(f"[data-study='{SLUG}'] [data-state='between']")).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("[data-take-part]")).to_have_count(0)
    expect(page.locator("[data-round='1']")).to_contain_text("Closed")
    no_problems(page)
    screenshot(page, "07-study-closed.png")
    page.get_by_role("link", name="Read the results of the rounds that have closed").click()

    expect(page.locator("h1")).to_have_text("Results so far")
    table = page.locator("[data-round-results='1'] [data-results-table]")
    for item, (median, agree, consensus) in zip(asked, EXPECTED, strict=True):
        row = table.locator(f"[data-result='{item.statement_id}']")
        expect(row.locator("th")).to_contain_text(item.text)
        expect(row.locator("[data-median]")).to_contain_text(median)
        expect(row.locator("[data-agree]")).to_contain_text(agree)
        expect(row.locator("[data-consensus]")).to_contain_text(consensus)
    no_opinion = table.locator(f"[data-result='{asked[2].statement_id}'] [data-no-opinion]")
    expect(no_opinion).to_contain_text("1")
    expect(page.locator("[data-round-results='1']")).to_contain_text(
        "2 statements reached consensus"
    )
    no_names(page, FIRST_NAME, LAST_NAME, member.email, *other_names)
    no_problems(page)
    screenshot(page, "08-results.png")
    page.get_by_role("link", name="Charts of how people rated each statement in round 1").click()

    # 5. The round's results: a chart and its table for each statement.
    expect(page.locator("h1")).to_have_text("Results of round 1")
    charts = page.locator("svg[data-chart='distribution'][role='img']")
    expect(charts).to_have_count(4)
    for item, (median, agree, consensus) in zip(asked, EXPECTED, strict=True):
        section = page.locator(f"[data-statement-result='{item.statement_id}']")
        expect(section.get_by_role("heading", level=3)).to_have_text(item.text)
        expect(section).to_contain_text(f"Median {median};")
        expect(section).to_contain_text(f"{agree} agreed.")
        reached = "Consensus reached." if consensus == "Yes" else "No consensus."
        expect(section).to_contain_text(reached)
        expect(section.locator("svg[data-chart] title")).to_have_count(1)
        expect(section.locator("[data-distribution] tbody tr")).to_have_count(10)
    # The first statement's table: 7, 7, 8, 8, 8, 9 (the member's own 8 among them).
    first_table = page.locator(
        f"[data-statement-result='{asked[0].statement_id}'] [data-distribution]"
    )
    counts = dict.fromkeys(range(1, 10), 0) | {7: 2, 8: 3, 9: 1}
    for value, count in counts.items():
        expect(first_table.locator(f"[data-rating='{value}']")).to_have_text(str(count))
    expect(first_table.locator("[data-rating='none']")).to_have_text("0")
    third_table = page.locator(
        f"[data-statement-result='{asked[2].statement_id}'] [data-distribution]"
    )
    expect(third_table.locator("[data-rating='none']")).to_have_text("1")
    no_names(page, FIRST_NAME, LAST_NAME, member.email, *other_names)
    assert COMMENT not in page.content()
    no_problems(page)
    screenshot(page, "09-round-results.png")

    # 6. The same pages on a phone.
    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.get_by_role("link", name="All results")).to_be_visible()
    screenshot(page, "10-round-results-375.png")
    page.goto(f"/consensus/{SLUG}/results/")
    expect(page.locator("h1")).to_have_text("Results so far")
    no_problems(page)
    screenshot(page, "11-results-375.png")
    page.goto(f"/consensus/{SLUG}/round/1/")
    expect(page.locator("h1[data-round-closed]")).to_have_text("Round 1 has closed")
    expect(page.locator("[data-statement]")).to_have_count(0)
    no_problems(page)
    screenshot(page, "12-round-closed-375.png")

    assert csp_violations(page) == [], page.url
