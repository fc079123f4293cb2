"""A member tells a story in a narrative evaluation in a real browser, and interprets it
with the signifiers: the triad by keyboard only, or with a pointer.

The member signs in through the sign-in page, opens the evaluation, tells a story, and on
the signifiers page finds the triangle by Tab, places the point with the arrow keys, hears
its value (aria-valuetext), sets the slider by keyboard, chooses a radio and sends: what is
stored is what was announced and written into the three inputs. The second test places the
point with a click at a known spot of the drawing and a drag, turns the triad off with its
"does not apply" box and on again, and checks the widget's arithmetic against
evaluation/triads.py on a grid of points. axe (no serious or critical violations) and the
CSP recorder watch every page. Screenshots at 375 px and at desktop width go to
/tmp/eval-shots/.
"""

from pathlib import Path

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from evaluation import triads
from evaluation.models import Answer, Response

from ..evaluation.factories import EvaluationFactory, StoryFactory, choice, slider, triad
from ..members.factories import PASSWORD, approved_member
from .conftest import serious_axe_violations
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/eval-shots")
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
TITLE = "Making a difference"
STORY = "After the webinar on safety, our team changed how we greet people at the door."


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def csp_violations(page):
    return page.evaluate("window.__cspViolations || []")


def no_problems(page):
    """No serious or critical axe violations, and no CSP violations so far on this page."""
    assert serious_axe_violations(page) == [], page.url
    assert csp_violations(page) == [], page.url


def announced(weights):
    labels = ("Safety", "Trust", "Choice")
    return ", ".join(f"{label} {weight}%" for label, weight in zip(labels, weights, strict=True))


@pytest.fixture
def evaluation(transactional_db):
    evaluation = EvaluationFactory(title=TITLE, slug="making-a-difference")
    triad(evaluation)
    slider(evaluation)
    choice(evaluation)
    return evaluation


@pytest.fixture
def member(transactional_db):
    return approved_member(user__first_name="Jo", user__last_name="Bloggs")


def sign_in(page, member):
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(member.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


def tell_a_story(page, evaluation):
    """From the evaluation's page to its signifiers, through the story form."""
    page.goto(reverse("evaluation:evaluation", args=[evaluation.slug]))
    expect(page.locator("h1")).to_have_text(TITLE)
    no_problems(page)
    page.locator("a[data-tell]").click()
    expect(page.locator("h1")).to_have_text("Tell your story")
    page.get_by_label("A title for your story").fill("The door")
    page.get_by_label("Your story", exact=True).fill(STORY)
    no_problems(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("What your story means to you")
    return Response.objects.get(evaluation=evaluation)


def triad_parts(page, signifier):
    control = page.get_by_role("slider", name=signifier.question)
    inputs = [page.locator(f"input[name='signifier_{signifier.pk}_{i}']") for i in range(3)]
    return control, inputs


def input_weights(inputs):
    return tuple(int(box.input_value()) for box in inputs)


def test_a_member_places_a_story_by_keyboard_only(page, live_server, evaluation, member):
    sign_in(page, member)
    story = tell_a_story(page, evaluation)
    triad_signifier, slider_signifier, choice_signifier = evaluation.signifiers.all()
    control, inputs = triad_parts(page, triad_signifier)

    # Untouched: no point, empty inputs, "not placed yet".
    expect(control).to_have_attribute("aria-valuetext", "Not placed yet")
    expect(page.locator(".coa-triad__point")).to_have_attribute("visibility", "hidden")
    for box in inputs:
        expect(box).to_have_value("")
    expect(page.get_by_text("With a keyboard: press an arrow key")).to_be_visible()
    no_problems(page)
    screenshot(page, "01-signifiers-desktop.png")
    page.set_viewport_size(PHONE)
    screenshot(page, "02-signifiers-375.png")
    page.set_viewport_size(DESKTOP)

    # Tab from the story's summary to the triangle: it comes first in its question.
    page.locator(".nhsuk-details__summary").focus()
    page.keyboard.press("Tab")
    expect(control).to_be_focused()

    # A first arrow puts the point in the middle; then up by 10 (Shift) and right by 2 twice.
    page.keyboard.press("ArrowUp")
    centre = triads.weights_at(150, 550 / 3)
    expect(control).to_have_attribute("aria-valuetext", announced(centre))
    assert input_weights(inputs) == centre
    page.keyboard.press("Shift+ArrowUp")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    valuetext = control.get_attribute("aria-valuetext")
    placed = input_weights(inputs)
    assert valuetext == announced(placed)
    assert sum(placed) == 100
    # Up from the middle holds more Safety; to the right, more Choice than Trust.
    assert placed[0] > centre[0] and placed[2] > placed[1]
    assert placed == triads.weights_at(150 + 2 * 6, 550 / 3 - 26)
    expect(page.locator(".coa-triad__point")).to_have_attribute("visibility", "visible")
    expect(page.locator(".coa-triad__readout")).to_have_text(valuetext)
    expect(control).to_have_attribute("aria-valuenow", str(placed[0]))
    screenshot(page, "03-triad-by-keyboard-desktop.png")

    # On by Tab to the slider (past the three numbers and "does not apply"), then 5 right.
    range_input = page.locator(f"input[name='signifier_{slider_signifier.pk}']")
    status = page.locator(".coa-slider__status")
    expect(status).to_have_text("50 (not moved yet)", use_inner_text=True)
    for _ in range(5):
        page.keyboard.press("Tab")
    expect(range_input).to_be_focused()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(range_input).to_have_value("55")
    expect(status).to_have_text("55", use_inner_text=True)

    # A radio by keyboard: Tab into the group, arrows to "Social care".
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    health = page.get_by_role("radio", name="Health", exact=True)
    expect(health).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Social care", exact=True)).to_be_checked()
    no_problems(page)
    page.set_viewport_size(PHONE)
    control.focus()
    screenshot(page, "04-filled-375.png")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="Send your story").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Thank you")
    no_problems(page)
    screenshot(page, "05-sent-desktop.png")

    story.refresh_from_db()
    assert story.is_submitted
    answers = {answer.signifier_id: answer for answer in Answer.objects.filter(response=story)}
    assert answers[triad_signifier.pk].weights == placed
    assert answers[slider_signifier.pk].value == 55
    assert answers[choice_signifier.pk].choice == "Social care"

    # Coming back to change them: the point is where it was left.
    page.goto(reverse("evaluation:signifiers", args=[evaluation.slug, story.pk]))
    control, inputs = triad_parts(page, triad_signifier)
    expect(control).to_have_attribute("aria-valuetext", valuetext)
    expect(page.locator(".coa-slider__status")).to_have_text("55", use_inner_text=True)
    assert csp_violations(page) == [], page.url


def drawing_to_client(page, x, y):
    """Where on the screen the drawing's (x, y) is."""
    return page.evaluate(
        """([x, y]) => {
          const svg = document.querySelector(".coa-triad__drawing");
          const at = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
          return [at.x, at.y];
        }""",
        [x, y],
    )


def click_at(page, x, y):
    page.mouse.click(*drawing_to_client(page, x, y))


def test_a_member_places_a_story_with_a_pointer(page, live_server, evaluation, member):
    sign_in(page, member)
    story = tell_a_story(page, evaluation)
    triad_signifier, slider_signifier, _choice = evaluation.signifiers.all()
    control, inputs = triad_parts(page, triad_signifier)
    control.scroll_into_view_if_needed()

    # A click inside the triangle.
    click_at(page, 100, 200)
    weights = triads.weights_at(100, 200)
    assert input_weights(inputs) == weights
    expect(control).to_have_attribute("aria-valuetext", announced(weights))
    expect(control).to_be_focused()

    # A click just outside, left of the top corner: taken in.
    click_at(page, 60, 20)
    assert input_weights(inputs) == triads.weights_at(60, 20)

    # A drag: pressed at one spot, let go at another.
    page.mouse.move(*drawing_to_client(page, 150, 140))
    page.mouse.down()
    page.mouse.move(*drawing_to_client(page, 190, 200), steps=5)
    page.mouse.move(*drawing_to_client(page, 222.4, 241.7), steps=5)
    page.mouse.up()
    dragged = triads.weights_at(222.4, 241.7)
    assert input_weights(inputs) == dragged
    no_problems(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "06-triad-by-pointer-375.png")

    # "Does not apply" turns the triangle off: clicks do nothing; unticked, it is back.
    box = page.get_by_role("checkbox", name="Does not apply to my story").first
    box.check()
    expect(control).to_have_attribute("aria-disabled", "true")
    expect(control).to_have_attribute(
        "aria-valuetext", "Not in use: you said this does not apply to your story"
    )
    for entry in inputs:
        expect(entry).to_be_disabled()
    click_at(page, 150, 40)
    assert input_weights(inputs) == dragged
    no_problems(page)
    screenshot(page, "07-triad-does-not-apply-375.png")
    box.uncheck()
    expect(control).to_have_attribute("aria-disabled", "false")
    expect(control).to_have_attribute("aria-valuetext", announced(dragged))

    # Typing moves the point: 2, 1, 1 is half Safety.
    for entry, typed in zip(inputs, ("2", "1", "1"), strict=True):
        entry.fill(typed)
    expect(control).to_have_attribute("aria-valuetext", announced((50, 25, 25)))
    inputs[1].fill("")
    expect(control).to_have_attribute("aria-valuetext", "Not placed yet")

    # The widget's sums are the server's, point for point (and the three-way ties too).
    grid = [(x / 2, y / 2) for x in range(-40, 641, 7) for y in range(-20, 581, 9)]
    grid += [(150, 550 / 3), (75, 140), (150, 270), (150, 140), (0, 270), (300, 270)]
    in_browser = page.evaluate(
        """(points) => {
          const corners = [[150, 10], [0, 270], [300, 270]];
          return points.map(([x, y]) => window.CoaTriad.weightsAt(corners, x, y));
        }""",
        grid,
    )
    assert [tuple(w) for w in in_browser] == [triads.weights_at(x, y) for x, y in grid]
    sums = [(1, 1, 4), (1, 1, 1), (3, 3, 1), (0, 1, 2), (2, 1, 1), (0.5, 0.25, 0.25)]
    percentages = page.evaluate("(all) => all.map(window.CoaTriad.asPercentages)", sums)
    assert [tuple(p) for p in percentages] == [triads.as_percentages(w) for w in sums]

    # Placed by a click again, and sent: the stored answer is weights_at of that spot.
    page.set_viewport_size(DESKTOP)
    control.scroll_into_view_if_needed()
    click_at(page, 120, 230)
    page.get_by_role("radio", name="Education", exact=True).check()
    # The slider was never moved: it is not taken as an answer in the middle.
    page.get_by_role("button", name="Send your story").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Move the slider")
    assert not Answer.objects.filter(response=story).exists()
    assert page.locator(f"#id_signifier_{triad_signifier.pk}_0").input_value() != ""
    page.locator(f"#id_signifier_{slider_signifier.pk}").press("ArrowLeft")
    page.get_by_role("button", name="Send your story").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Thank you")
    answer = Answer.objects.get(response=story, signifier=triad_signifier)
    assert answer.weights == triads.weights_at(120, 230)
    assert Answer.objects.get(response=story, signifier=slider_signifier).value == 49
    assert csp_violations(page) == [], page.url


def test_without_javascript_a_triad_is_three_numbers(browser, live_server, evaluation, member):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, member)
        story = StoryFactory(evaluation=evaluation, respondent=member)
        page.goto(reverse("evaluation:signifiers", args=[evaluation.slug, story.pk]))
        triad_signifier, slider_signifier, _choice = evaluation.signifiers.all()
        expect(page.get_by_role("slider", name=triad_signifier.question)).to_have_count(0)
        expect(page.locator("[data-without-js]")).to_contain_text("Give each quality a number")
        expect(page.locator("[data-without-js]")).to_be_visible()
        expect(page.get_by_text("With a keyboard")).to_be_hidden()
        expect(page.locator(".coa-slider__status")).to_be_hidden()
        # (axe needs the page's JavaScript: the same HTML was checked with it, above.)
        page.set_viewport_size(PHONE)
        screenshot(page, "08-without-javascript-375.png")
        for index, typed in enumerate(("3", "3", "1")):
            page.get_by_label(("Safety", "Trust", "Choice")[index], exact=True).fill(typed)
        page.locator(f"input[name='signifier_{slider_signifier.pk}']").fill("80")
        page.get_by_role("radio", name="Justice", exact=True).check()
        page.get_by_role("button", name="Send your story").click()
        expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Thank you")
        answers = {a.signifier_id: a for a in Answer.objects.filter(response=story)}
        assert answers[triad_signifier.pk].weights == triads.as_percentages((3, 3, 1))
        assert answers[slider_signifier.pk].value == 80
    finally:
        context.close()
