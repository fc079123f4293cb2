"""The editors' admin for narrative evaluations: who gets in, the evaluation's form and its
rules for signifiers that have answers, deleting, the Patterns page, a story's page, the
downloads, the small-group rule everywhere, that no teller is ever named, and the impact
report's figures."""

import re
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from core.reports import collect_figures
from evaluation.models import Evaluation, Signifier
from members import roles

from ..members.factories import add_authenticator_app, approved_member, member_in
from .factories import EvaluationFactory, StoryFactory, answered

pytestmark = pytest.mark.django_db

TELLER = {"first_name": "Zebedee", "last_name": "Quimbleworth"}
TELLER_EMAIL = "zebedee.quimbleworth@example.org"


def url(name, *args):
    return reverse(f"narrative_evaluations:{name}", args=args)


def tell(evaluation, triad=(50, 25, 25), value=40, sector="Health", **fields):
    triad_signifier, slider_signifier, choice_signifier = evaluation.signifiers.all()[:3]
    story = StoryFactory(evaluation=evaluation, **fields)
    return answered(
        story, {triad_signifier: triad, slider_signifier: value, choice_signifier: sector}
    )


def tell_many(evaluation, count, **fields):
    return [tell(evaluation, **fields) for _ in range(count)]


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS)


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        email="root@example.org", password="a-long-test-password-42"
    )
    add_authenticator_app(user)
    return user


@pytest.fixture
def teller(db):
    return approved_member(
        user__first_name=TELLER["first_name"],
        user__last_name=TELLER["last_name"],
        user__email=TELLER_EMAIL,
    )


@pytest.fixture
def stories(evaluation, teller):
    """Six sent stories, the first by the distinctively named teller."""
    first = tell(evaluation, respondent=teller, title="The supervision that changed things")
    return [first, *tell_many(evaluation, 5)]


# Who gets in ---------------------------------------------------------------------------


@pytest.fixture
def admin_pages(evaluation, stories):
    return [
        url("index"),
        url("add"),
        url("edit", evaluation.pk),
        url("patterns", evaluation.pk),
        url("patterns_csv", evaluation.pk),
        url("patterns_xlsx", evaluation.pk),
        url("story", evaluation.pk, stories[0].pk),
    ]


class TestWhoGetsIn:
    def test_a_visitor_is_sent_to_sign_in(self, client, admin_pages, evaluation):
        login = resolve_url(settings.LOGIN_URL)
        for page in [*admin_pages, url("delete", evaluation.pk)]:
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"].startswith(login), page

    @pytest.mark.parametrize("who", ["pending", "member"])
    def test_members_are_refused(self, signed_in, people, who, admin_pages, evaluation):
        client = signed_in(people[who])
        for page in [*admin_pages, url("delete", evaluation.pk)]:
            assert client.get(page).status_code == 403, page

    def test_a_moderator_is_turned_away(self, signed_in, moderator, admin_pages, evaluation):
        client = signed_in(moderator)
        for page in [*admin_pages, url("delete", evaluation.pk)]:
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"] == reverse("wagtailadmin_home"), page

    def test_a_moderator_changes_nothing(self, signed_in, moderator, evaluation):
        response = signed_in(moderator).post(
            url("edit", evaluation.pk), form_data(evaluation, title="Taken over")
        )
        assert response["Location"] == reverse("wagtailadmin_home")
        evaluation.refresh_from_db()
        assert evaluation.title == "Making a difference"

    def test_an_editor_opens_every_page(self, signed_in, editor, admin_pages):
        client = signed_in(editor)
        for page in admin_pages:
            assert client.get(page).status_code == 200, page

    def test_an_editor_cannot_delete_an_evaluation(self, signed_in, editor):
        empty = EvaluationFactory()
        response = signed_in(editor).post(url("delete", empty.pk))
        assert response["Location"] == reverse("wagtailadmin_home")
        assert Evaluation.objects.filter(pk=empty.pk).exists()

    def test_the_menu_item_is_for_editors_only(self, signed_in, editor, moderator):
        assertContains(signed_in(editor).get(reverse("wagtailadmin_home")), url("index"))
        assertNotContains(signed_in(moderator).get(reverse("wagtailadmin_home")), url("index"))

    def test_stories_and_answers_have_no_admin_listing(self, signed_in, editor):
        client = signed_in(editor)
        for path in ("/admin/snippets/evaluation/response/", "/admin/snippets/evaluation/answer/"):
            assert client.get(path).status_code == 404


# The listing ---------------------------------------------------------------------------


def test_the_listing_counts_sent_stories_and_links_to_patterns(
    signed_in, editor, evaluation, stories
):
    StoryFactory(evaluation=evaluation)  # not sent: not counted

    page = signed_in(editor).get(url("index"))

    assertContains(page, "Making a difference")
    assertContains(page, url("patterns", evaluation.pk))
    assertContains(page, "Stories sent")
    assert ">6<" in page.text.replace(" ", "").replace("\n", "")


def test_the_listings_queries_do_not_grow_with_the_evaluations(
    signed_in, editor, evaluation, django_assert_max_num_queries
):
    client = signed_in(editor)
    counts = {}
    for total in (1, 6):
        for _ in range(total - Evaluation.objects.count()):
            StoryFactory(evaluation=EvaluationFactory(), submitted_at=timezone.now())
        client.get(url("index"))
        with django_assert_max_num_queries(20) as captured:
            client.get(url("index"))
        counts[total] = len(captured)

    assert counts[1] == counts[6]


# The form ------------------------------------------------------------------------------


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def form_data(evaluation, **changes):
    """The edit form as posted, with the evaluation's signifiers as they are."""
    signifiers = list(evaluation.signifiers.all())
    data = {
        "title": evaluation.title,
        "slug": evaluation.slug,
        "introduction": evaluation.introduction,
        "prompt": evaluation.prompt,
        "content_note": evaluation.content_note,
        "opens_at": local(evaluation.opens_at),
        "closes_at": local(evaluation.closes_at),
        "signifiers-TOTAL_FORMS": str(len(signifiers)),
        "signifiers-INITIAL_FORMS": str(len(signifiers)),
        "signifiers-MIN_NUM_FORMS": "0",
        "signifiers-MAX_NUM_FORMS": "1000",
    }
    for index, signifier in enumerate(signifiers):
        prefix = f"signifiers-{index}-"
        data.update(
            {
                f"{prefix}id": str(signifier.pk),
                f"{prefix}kind": signifier.kind,
                f"{prefix}question": signifier.question,
                f"{prefix}label_a": signifier.label_a,
                f"{prefix}label_b": signifier.label_b,
                f"{prefix}label_c": signifier.label_c,
                f"{prefix}options": signifier.options,
                f"{prefix}allow_not_applicable": "on" if signifier.allow_not_applicable else "",
                f"{prefix}ORDER": str(index + 1),
                f"{prefix}DELETE": "",
            }
        )
    data.update(changes)
    return data


def slider_to_choice(**changes):
    return {
        "signifiers-1-kind": Signifier.Kind.CHOICE,
        "signifiers-1-options": "Yes\nNo",
        **changes,
    }


class TestTheForm:
    def test_an_editor_creates_an_evaluation_with_a_signifier(self, signed_in, editor):
        data = {
            "title": "Learning together",
            "slug": "learning-together",
            "introduction": "Why we ask.",
            "prompt": "Tell us about a time.",
            "content_note": "",
            "opens_at": "2026-01-01 09:00",
            "closes_at": "",
            "signifiers-TOTAL_FORMS": "1",
            "signifiers-INITIAL_FORMS": "0",
            "signifiers-MIN_NUM_FORMS": "0",
            "signifiers-MAX_NUM_FORMS": "1000",
            "signifiers-0-id": "",
            "signifiers-0-kind": Signifier.Kind.SLIDER,
            "signifiers-0-question": "How much?",
            "signifiers-0-label_a": "Not at all",
            "signifiers-0-label_b": "A lot",
            "signifiers-0-label_c": "",
            "signifiers-0-options": "",
            "signifiers-0-allow_not_applicable": "on",
            "signifiers-0-ORDER": "1",
            "signifiers-0-DELETE": "",
        }

        response = signed_in(editor).post(url("add"), data)

        assert response.status_code == 302
        evaluation = Evaluation.objects.get(slug="learning-together")
        assert evaluation.signifiers.get().question == "How much?"

    def test_an_unanswered_signifier_may_change_kind(self, signed_in, editor, evaluation):
        response = signed_in(editor).post(
            url("edit", evaluation.pk), form_data(evaluation, **slider_to_choice())
        )

        assert response.status_code == 302
        assert evaluation.signifiers.filter(kind=Signifier.Kind.CHOICE).count() == 2

    def test_an_answered_signifier_keeps_its_kind(self, signed_in, editor, evaluation, stories):
        response = signed_in(editor).post(
            url("edit", evaluation.pk),
            form_data(evaluation, title="Changed", **slider_to_choice()),
        )

        assert response.status_code == 200
        assertContains(response, "so its kind stays as it was")
        assert evaluation.signifiers.filter(kind=Signifier.Kind.SLIDER).exists()
        evaluation.refresh_from_db()
        assert evaluation.title == "Making a difference"
        assertContains(response, 'value="Changed"')  # what was typed is still there

    def test_an_answered_signifier_may_be_reworded(self, signed_in, editor, evaluation, stories):
        response = signed_in(editor).post(
            url("edit", evaluation.pk),
            form_data(evaluation, **{"signifiers-0-label_a": "Feeling safe"}),
        )

        assert response.status_code == 302
        assert evaluation.signifiers.get(kind=Signifier.Kind.TRIAD).label_a == "Feeling safe"

    def test_an_answered_signifier_cannot_be_removed(self, signed_in, editor, evaluation, stories):
        response = signed_in(editor).post(
            url("edit", evaluation.pk), form_data(evaluation, **{"signifiers-2-DELETE": "1"})
        )

        assert response.status_code == 200
        assertContains(response, "already has answers, so it stays")
        assert evaluation.signifiers.count() == 3
        # Shown again on the form, not as removed.
        delete_input = re.search(r'<input[^>]*name="signifiers-2-DELETE"[^>]*>', response.text)
        assert delete_input, "no DELETE input"
        assert 'value="1"' not in delete_input[0] and "checked" not in delete_input[0], (
            delete_input[0]
        )

    def test_an_unanswered_signifier_can_be_removed(self, signed_in, editor, evaluation):
        response = signed_in(editor).post(
            url("edit", evaluation.pk), form_data(evaluation, **{"signifiers-2-DELETE": "1"})
        )

        assert response.status_code == 302
        assert evaluation.signifiers.count() == 2


class TestDeleting:
    def test_an_evaluation_with_stories_stays(self, signed_in, superuser, evaluation):
        StoryFactory(evaluation=evaluation)  # even one not sent yet

        client = signed_in(superuser)
        asked = client.get(url("delete", evaluation.pk), follow=True)
        posted = client.post(url("delete", evaluation.pk), follow=True)

        for response in (asked, posted):
            assertContains(response, "so it stays")
        assert Evaluation.objects.filter(pk=evaluation.pk).exists()

    def test_an_evaluation_without_stories_is_deleted(self, signed_in, superuser, evaluation):
        client = signed_in(superuser)
        assert client.get(url("delete", evaluation.pk)).status_code == 200

        response = client.post(url("delete", evaluation.pk))

        assert response.status_code == 302
        assert not Evaluation.objects.filter(pk=evaluation.pk).exists()


# The Patterns page ---------------------------------------------------------------------


def sector(evaluation):
    return evaluation.signifiers.get(kind=Signifier.Kind.CHOICE)


class TestThePatternsPage:
    def test_it_shows_every_signifier_for_five_stories(self, signed_in, editor, evaluation):
        tell_many(evaluation, 5)
        StoryFactory(evaluation=evaluation)  # not sent

        page = signed_in(editor).get(url("patterns", evaluation.pk))

        assertContains(page, "5 stories sent in this evaluation")
        assertContains(page, "Showing all 5 stories")
        assertContains(page, 'data-plot="triad"')
        assertContains(page, 'data-plot="slider"')
        assertContains(page, 'data-pattern-table="choice"')
        assertContains(page, "evaluation/css/patterns.css")
        assertNotContains(page, "style=")

    def test_under_five_stories_nothing_is_shown(self, signed_in, editor, evaluation):
        tell_many(evaluation, 4)

        page = signed_in(editor).get(url("patterns", evaluation.pk))

        assertContains(page, "Fewer than 5 stories have been sent, so no pattern is shown")
        for hidden in ("data-plot", "data-pattern-table", "data-group-count", "data-exports"):
            assertNotContains(page, hidden)

    def test_a_filter_under_five_shows_a_kind_message(self, signed_in, editor, evaluation):
        tell_many(evaluation, 5, sector="Health")
        tell_many(evaluation, 2, sector="Justice")

        page = signed_in(editor).get(
            url("patterns", evaluation.pk), {f"choice_{sector(evaluation).pk}": "Justice"}
        )

        assertContains(
            page, "Fewer than 5 stories match, so no pattern is shown: choose fewer filters."
        )
        assertNotContains(page, "data-plot")
        assertNotContains(page, "data-pattern-table")
        assertContains(page, "(fewer than 5)")  # Justice's count in the filters

    def test_a_filter_narrows_the_patterns(self, signed_in, editor, evaluation):
        tell_many(evaluation, 5, sector="Health", value=5)
        tell_many(evaluation, 5, sector="Justice", value=95)

        page = signed_in(editor).get(
            url("patterns", evaluation.pk), {f"choice_{sector(evaluation).pk}": "Justice"}
        )

        assertContains(page, "5 stories match the filters")
        assertContains(page, '<tr data-bin="90" data-count="5">')
        assertContains(page, '<tr data-bin="0" data-count="0">')
        assertContains(page, f"?choice_{sector(evaluation).pk}=Justice")  # the downloads

    @pytest.mark.parametrize(
        "query",
        [
            {"choice_999999": "Health"},
            {"choice_abc": "x"},
            {"choice_": ""},
            {"page": "abc"},
            {"SECTOR": "\x00"},
        ],
    )
    def test_bad_filters_give_a_clean_page(self, signed_in, editor, evaluation, query):
        tell_many(evaluation, 5)

        page = signed_in(editor).get(url("patterns", evaluation.pk), query)

        assert page.status_code == 200
        assertContains(page, "Showing all 5 stories")

    def test_an_unknown_option_is_left_out_and_said_so(self, signed_in, editor, evaluation):
        tell_many(evaluation, 5)

        page = signed_in(editor).get(
            url("patterns", evaluation.pk), {f"choice_{sector(evaluation).pk}": "Astronomy"}
        )

        assertContains(page, "was left out")
        assertContains(page, "Showing all 5 stories")

    def test_an_unknown_evaluation_is_not_found(self, signed_in, editor):
        assert signed_in(editor).get(url("patterns", 999999)).status_code == 404

    def test_its_queries_do_not_grow_with_the_stories(
        self, signed_in, editor, evaluation, django_assert_max_num_queries
    ):
        client = signed_in(editor)
        counts = {}
        for total in (5, 20):
            tell_many(evaluation, total - evaluation.responses.count())
            client.get(url("patterns", evaluation.pk))  # warm the session and site caches
            with django_assert_max_num_queries(20) as captured:
                page = client.get(url("patterns", evaluation.pk))
            assertContains(page, f"Showing all {total} stories")
            counts[total] = len(captured)

        assert counts[5] == counts[20], [q["sql"][:150] for q in captured.captured_queries]


# A story's page ------------------------------------------------------------------------


class TestAStorysPage:
    def test_it_shows_the_story_and_its_answers(self, signed_in, editor, evaluation, stories):
        page = signed_in(editor).get(url("story", evaluation.pk, stories[0].pk))

        assertContains(page, "The supervision that changed things")
        assertContains(page, stories[0].story)
        assertContains(page, "Safety: 50%")
        assertContains(page, "40, from 0 (Not at all) to 100 (Completely)")
        assertContains(page, "Health")
        assertNotContains(page, "data-content-note")

    def test_a_content_note_comes_first(self, signed_in, editor, evaluation, stories):
        evaluation.content_note = "bereavement"
        evaluation.save()

        page = signed_in(editor).get(url("story", evaluation.pk, stories[0].pk)).text

        assert "bereavement" in page
        assert page.index("data-content-note") < page.index(stories[0].story)
        assert "<details" in page and "Continue to the story" in page

    def test_does_not_apply_is_said(self, signed_in, editor, evaluation, stories):
        story = tell(evaluation, triad=None, value=None, sector=None)

        page = signed_in(editor).get(url("story", evaluation.pk, story.pk))

        assertContains(page, "Does not apply to this story", count=3)

    def test_under_five_stories_no_story_is_found(self, signed_in, editor, evaluation):
        first, *_rest = tell_many(evaluation, 4)

        assert signed_in(editor).get(url("story", evaluation.pk, first.pk)).status_code == 404

    def test_a_story_not_sent_is_not_found(self, signed_in, editor, evaluation, stories):
        draft = StoryFactory(evaluation=evaluation)

        assert signed_in(editor).get(url("story", evaluation.pk, draft.pk)).status_code == 404

    def test_another_evaluations_story_is_not_found(self, signed_in, editor, evaluation, stories):
        other = EvaluationFactory()

        response = signed_in(editor).get(url("story", other.pk, stories[0].pk))

        assert response.status_code == 404

    def test_an_unknown_story_is_not_found(self, signed_in, editor, evaluation, stories):
        assert signed_in(editor).get(url("story", evaluation.pk, 999999)).status_code == 404


# Downloads -----------------------------------------------------------------------------


def csv_text(response):
    return response.content.decode("utf-8-sig")


def xlsx_rows(response):
    sheet = load_workbook(BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


class TestDownloads:
    def test_the_csv_has_a_row_a_sent_story(self, signed_in, editor, evaluation, stories):
        StoryFactory(evaluation=evaluation, title="Still writing")

        response = signed_in(editor).get(url("patterns_csv", evaluation.pk))

        assert response["Content-Type"].startswith("text/csv")
        lines = csv_text(response).strip().splitlines()
        assert len(lines) == 1 + 6
        assert lines[0].startswith("Story number,Date sent,Title,Story,")
        assert "In my story, what mattered most was: Safety" in lines[0]
        assert lines[1].startswith(
            f"{stories[0].pk},{timezone.localdate():%Y-%m-%d},The supervision that changed things,"
        )
        assert lines[1].endswith(",50,25,25,40,Health")
        assert "Still writing" not in csv_text(response)

    def test_the_xlsx_follows_the_filters(self, signed_in, editor, evaluation):
        tell_many(evaluation, 5, sector="Health")
        tell_many(evaluation, 3, sector="Justice")

        response = signed_in(editor).get(
            url("patterns_xlsx", evaluation.pk), {f"choice_{sector(evaluation).pk}": "Health"}
        )

        rows = xlsx_rows(response)
        assert len(rows) == 1 + 5
        assert {row[-1] for row in rows[1:]} == {"Health"}

    @pytest.mark.parametrize("name", ["patterns_csv", "patterns_xlsx"])
    def test_under_five_the_download_is_refused(self, signed_in, editor, evaluation, name):
        tell_many(evaluation, 4)

        response = signed_in(editor).get(url(name, evaluation.pk), follow=True)

        assert not response.get("Content-Disposition")
        assertContains(response, "so there is nothing to download")

    def test_a_filtered_group_under_five_is_refused(self, signed_in, editor, evaluation, stories):
        query = {f"choice_{sector(evaluation).pk}": "Justice"}

        response = signed_in(editor).get(url("patterns_csv", evaluation.pk), query)

        assert response.status_code == 302
        assert response["Location"].endswith(f"?choice_{sector(evaluation).pk}=Justice")


# Nobody is named -----------------------------------------------------------------------


def test_no_page_or_download_names_the_teller(signed_in, editor, evaluation, stories, teller):
    client = signed_in(editor)
    pages = [
        url("index"),
        url("edit", evaluation.pk),
        url("patterns", evaluation.pk),
        url("story", evaluation.pk, stories[0].pk),
    ]
    texts = [client.get(page).text for page in pages]
    texts.append(csv_text(client.get(url("patterns_csv", evaluation.pk))))
    texts.append(str(xlsx_rows(client.get(url("patterns_xlsx", evaluation.pk)))))

    for text in texts:
        for secret in (TELLER["first_name"], TELLER["last_name"], TELLER_EMAIL):
            assert secret not in text
        assert f"user/{teller.pk}/" not in text


# The impact report ---------------------------------------------------------------------


def test_the_impact_figures_count_sent_stories_and_their_tellers(evaluation, teller):
    tell_many(evaluation, 2, respondent=teller)
    tell(evaluation)
    StoryFactory(evaluation=evaluation)  # not sent

    figures = {figure.key: figure for figure in collect_figures()}

    assert figures["evaluation_narratives"].value == 3
    assert figures["evaluation_tellers"].value == 2
    assert figures["evaluation_narratives"].order == 110
    assert figures["evaluation_tellers"].order == 111
    assert str(figures["evaluation_tellers"].label) == (
        "Members who told a story in a narrative evaluation"
    )
