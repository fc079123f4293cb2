"""Co-production credits on resources, webinars and stories: each person shown by name, by
their pseudonym or anonymously as their consent says, the "expert by experience" label only
with consent to it, a withdrawal seen on the next request, nothing unconsented indexed, and
the credits kept through the admin, revisions, copies and translations."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale
from wagtail.search import index
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

import pytest

from resources.models import ResourcePage
from stories.models import StoryPage
from webinars.consent import Use
from webinars.models import Credit, CreditRole, Speaker, WebinarPage, record_consent

from ..home.markup import parse
from ..resources.factories import FolderFactory, ResourcePageFactory
from ..stories.factories import StoryFactory
from .factories import SpeakerFactory, WebinarFactory
from .test_publish_blocked import edit_form_data, submit

pytestmark = pytest.mark.django_db

NAMED = "Ruth Adeyemi"
HIDDEN_BEHIND_PSEUDONYM = "Daniel Hidden-Price"
PSEUDONYM = "Willow"
HIDDEN = "Chris Unseen-Doyle"
NO_LABEL = "Sam Nolabel"
ROLE = "Peer researcher"
LABEL = "Expert by experience"
ANONYMOUS_CO_AUTHOR = "A co-author who has asked not to be named"
ANONYMOUS_CONTRIBUTOR = "A contributor who has asked not to be named"
KINDS = ("resource", "webinar", "story")


@pytest.fixture
def people(db):
    """Four experts by experience who chose differently."""
    # No organisation, so each entry reads: name, role, label.
    return {
        # Name and label agreed.
        "named": SpeakerFactory(
            name=NAMED,
            role=ROLE,
            organisation="",
            expert_by_experience=True,
            consent=[Use.NAME, Use.LABEL],
        ),
        # No name: the pseudonym they chose. The label agreed.
        "pseudonymous": SpeakerFactory(
            name=HIDDEN_BEHIND_PSEUDONYM,
            pseudonym=PSEUDONYM,
            role="Survivor advocate",
            organisation="",
            expert_by_experience=True,
            consent=[Use.LABEL],
        ),
        # Nothing agreed, no pseudonym.
        "anonymous": SpeakerFactory(name=HIDDEN, expert_by_experience=True, consent=[]),
        # Name agreed, the label not.
        "unlabelled": SpeakerFactory(
            name=NO_LABEL, organisation="", expert_by_experience=True, consent=[Use.NAME]
        ),
    }


def credits_for(people):
    return [
        Credit(person=people["named"], role=CreditRole.CO_AUTHOR),
        Credit(person=people["pseudonymous"], role=CreditRole.CO_AUTHOR),
        Credit(person=people["anonymous"], role=CreditRole.CONTRIBUTOR),
        Credit(person=people["unlabelled"], role=CreditRole.CONTRIBUTOR),
    ]


def make_page(kind, credits=(), **kwargs):
    """A published, public page of `kind` with `credits` (unsaved Credit rows)."""
    credits = list(credits)
    if kind == "resource":
        return ResourcePageFactory(parent=FolderFactory(), credits=credits, **kwargs)
    if kind == "webinar":
        return WebinarFactory(credits=credits, **kwargs)
    return StoryFactory(credits=credits, **kwargs)


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


@pytest.fixture
def credited(kind, people):
    return make_page(kind, credits_for(people))


def credits_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return parse(response).select_one("[data-credits]"), response.content.decode()


def entries(section, selector):
    return [" ".join(item.get_text(" ").split()) for item in section.select(f"{selector} li")]


# What a visitor sees ------------------------------------------------------------------


def test_each_person_is_shown_by_name_pseudonym_or_anonymously(client, credited):
    section, _html = credits_section(client, credited)

    assert section is not None
    assert [h2.get_text(strip=True) for h2 in section.select("h2")] == [
        "Written with",
        "Contributors",
    ]
    assert entries(section, "[data-co-authors]") == [
        f"{NAMED} , {ROLE} {LABEL}",
        f"{PSEUDONYM} {LABEL}",
    ]
    assert entries(section, "[data-contributors]") == [
        ANONYMOUS_CONTRIBUTOR,
        f"{NO_LABEL} , {ROLE}",
    ]


def test_a_real_name_without_consent_is_nowhere_in_the_html(client, credited):
    _section, html = credits_section(client, credited)

    for withheld in (HIDDEN_BEHIND_PSEUDONYM, HIDDEN, "Survivor advocate"):
        assert withheld not in html


def test_an_anonymous_co_author_is_called_a_co_author(client, kind, people):
    page = make_page(kind, [Credit(person=people["anonymous"], role=CreditRole.CO_AUTHOR)])

    section, html = credits_section(client, page)

    assert entries(section, "[data-co-authors]") == [ANONYMOUS_CO_AUTHOR]
    assert not section.select("[data-contributors]")
    assert HIDDEN not in html


def test_the_label_is_shown_only_with_consent_to_it(client, credited):
    section, _html = credits_section(client, credited)

    labelled = [
        item.select_one("span").get_text(strip=True)
        for item in section.select("li")
        if LABEL in item.get_text()
    ]
    assert labelled == [NAMED, PSEUDONYM]


def test_a_page_without_credits_has_no_credits_section(client, kind):
    section, _html = credits_section(client, make_page(kind))

    assert section is None


def test_withdrawing_name_consent_hides_the_name_on_the_next_request(
    client, credited, people, django_capture_on_commit_callbacks
):
    assert NAMED in credits_section(client, credited)[1]

    with django_capture_on_commit_callbacks(execute=True):
        record_consent(people["named"], [Use.NAME], given=False, how="email")
    section, html = credits_section(client, credited)

    assert NAMED not in html
    assert ROLE not in entries(section, "[data-co-authors]")[0]
    assert entries(section, "[data-co-authors]")[0] == f"{ANONYMOUS_CO_AUTHOR} {LABEL}"


def test_a_withdrawn_name_falls_back_to_the_pseudonym(
    client, kind, django_capture_on_commit_callbacks
):
    person = SpeakerFactory(name="Jess Formerly-Named", pseudonym="Rowan", consent=[Use.NAME])
    page = make_page(kind, [Credit(person=person, role=CreditRole.CONTRIBUTOR)])

    with django_capture_on_commit_callbacks(execute=True):
        record_consent(person, [Use.NAME], given=False)
    section, html = credits_section(client, page)

    assert entries(section, "[data-contributors]") == ["Rowan"]
    assert "Jess Formerly-Named" not in html


def test_credits_cost_one_query_however_many_there_are(client, kind):
    def count(page):
        client.get(page.url)  # warm the site's caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    def page_with(n):
        people = [SpeakerFactory(consent=[Use.NAME]) for _ in range(n)]
        return make_page(kind, [Credit(person=person) for person in people])

    assert count(page_with(1)) == count(page_with(6))


# Revisions, copies, translations ---------------------------------------------------------


def credited_people(page):
    return [(item.person.name, item.role) for item in page.credits.all()]


EXPECTED_PEOPLE = [
    (NAMED, CreditRole.CO_AUTHOR),
    (HIDDEN_BEHIND_PSEUDONYM, CreditRole.CO_AUTHOR),
    (HIDDEN, CreditRole.CONTRIBUTOR),
    (NO_LABEL, CreditRole.CONTRIBUTOR),
]


def test_credits_survive_save_revision_and_publish(credited):
    page = type(credited).objects.get(pk=credited.pk)
    page.title = "A new title"
    revision = page.save_revision()

    assert credited_people(revision.as_object()) == EXPECTED_PEOPLE
    revision.publish()
    page = type(credited).objects.get(pk=credited.pk)
    assert page.title == "A new title"
    assert credited_people(page) == EXPECTED_PEOPLE
    assert Credit.objects.filter(page=page).count() == 4


def test_publishing_an_older_revision_brings_its_credits_back(credited):
    older = credited.get_latest_revision()
    page = type(credited).objects.get(pk=credited.pk)
    page.credits = []
    page.save_revision().publish()
    assert not Credit.objects.filter(page_id=credited.pk).exists()

    older.publish()

    assert credited_people(type(credited).objects.get(pk=credited.pk)) == EXPECTED_PEOPLE


def test_a_deleted_person_drops_out_of_an_older_revision(credited, people):
    older = credited.get_latest_revision()
    people["anonymous"].delete()

    restored = older.as_object()

    assert HIDDEN not in [name for name, _role in credited_people(restored)]
    older.publish()  # no error for the missing person
    assert len(Credit.objects.filter(page_id=credited.pk)) == 3


def test_copying_a_page_copies_its_credits(credited):
    copy = credited.copy(update_attrs={"slug": f"{credited.slug}-copy", "title": "Copy"})

    assert credited_people(type(credited).objects.get(pk=copy.pk)) == EXPECTED_PEOPLE
    assert Credit.objects.filter(page_id=credited.pk).count() == 4


def welsh_copy(page):
    """`page` translated into Welsh through wagtail-localize, as an editor would, ancestors
    first; published."""
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    for original in [*page.get_ancestors().filter(depth__gt=1).specific(), page]:
        if not original.has_translation(welsh):
            source, _created = TranslationSource.get_or_create_from_instance(original)
            source.create_or_update_translation(welsh, fallback=True)
        translated = original.get_translation(welsh).specific
        if not translated.live:
            translated.save_revision().publish()
    return type(page).objects.get(pk=page.get_translation(welsh).pk)


def test_a_translation_keeps_the_credits_and_the_consent(client, credited):
    copy = welsh_copy(credited)

    assert copy.locale.language_code == "cy"
    assert credited_people(copy) == EXPECTED_PEOPLE
    section, html = credits_section(client, copy)
    assert PSEUDONYM in section.get_text()
    assert NAMED in section.get_text()
    for withheld in (HIDDEN_BEHIND_PSEUDONYM, HIDDEN):
        assert withheld not in html


def test_a_translated_page_shows_the_persons_own_translation(client, kind, people):
    person = people["named"]
    page = make_page(kind, [Credit(person=person, role=CreditRole.CO_AUTHOR)])
    copy = welsh_copy(page)
    welsh_person = person.copy_for_translation(copy.locale)
    welsh_person.role = "Ymchwilydd cymheiriaid"
    welsh_person.save()

    section, _html = credits_section(client, copy)

    assert entries(section, "[data-co-authors]") == [
        f"{NAMED} , Ymchwilydd cymheiriaid Arbenigwr drwy brofiad"
    ]


# The admin -----------------------------------------------------------------------------


@pytest.fixture
def draft(kind):
    return make_page(kind, publish=False)


def test_the_edit_page_has_the_credits_panel(signed_in, editor, draft):
    response = signed_in(editor).get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="credits-TOTAL_FORMS"' in html
    assert "Co-authors and contributors" in html


def add_credit_row(data, person, role):
    count = int(data["credits-TOTAL_FORMS"][0])
    data["credits-TOTAL_FORMS"] = [str(count + 1)]
    data[f"credits-{count}-person"] = [str(person.pk)]
    data[f"credits-{count}-role"] = [role]
    data[f"credits-{count}-id"] = [""]
    data[f"credits-{count}-ORDER"] = [str(count + 1)]
    return data


def with_story_body(data):
    """The story's StreamField, which the editor's script would post (the form holds it
    only as JSON for the script)."""
    body = nested_form_data({"body": streamfield([("paragraph", rich_text("<p>A story.</p>"))])})
    return {**data, **{key: [value] for key, value in body.items()}}


def test_an_editor_adds_a_credit_in_the_admin(signed_in, editor, draft, people):
    client = signed_in(editor)
    data = add_credit_row(edit_form_data(client, draft), people["pseudonymous"], "co_author")
    if isinstance(draft, StoryPage):
        data = with_story_body(data)

    response = submit(client, draft, data, "action-save-draft")

    assert response.status_code == 200
    revision = type(draft).objects.get(pk=draft.pk).get_latest_revision().as_object()
    assert credited_people(revision) == [(HIDDEN_BEHIND_PSEUDONYM, CreditRole.CO_AUTHOR)]


def test_a_credit_added_in_the_admin_is_published_with_the_resource(signed_in, editor, people):
    page = make_page("resource", publish=False)
    client = signed_in(editor)
    data = add_credit_row(edit_form_data(client, page), people["named"], "contributor")

    submit(client, page, data, "action-publish")

    page = ResourcePage.objects.get(pk=page.pk)
    assert page.live
    assert credited_people(page) == [(NAMED, CreditRole.CONTRIBUTOR)]


def test_the_snippets_list_says_speakers_and_contributors(signed_in, editor):
    response = signed_in(editor).get(reverse("wagtailsnippets:index"))

    assert response.status_code == 200
    assert "Speakers and contributors" in response.content.decode()


# Search --------------------------------------------------------------------------------


def indexed_text(page):
    """Every text a page's search fields put in the index."""
    texts = []
    for field in type(page).get_search_fields():
        if isinstance(field, index.SearchField):
            value = field.get_value(page)
            texts.append(str(value or ""))
    return " ".join(texts)


def test_the_search_index_holds_no_unconsented_name(credited):
    page = type(credited).objects.get(pk=credited.pk)

    text = indexed_text(page)

    for withheld in (HIDDEN_BEHIND_PSEUDONYM, HIDDEN, PSEUDONYM):
        assert withheld not in text
    if isinstance(page, StoryPage):
        # A story indexes what it says, never who took part.
        assert NAMED not in text
    else:
        assert NAMED in text and NO_LABEL in text


def test_people_without_name_consent_index_no_name(people):
    for key in ("pseudonymous", "anonymous"):
        person = Speaker.objects.get(pk=people[key].pk)
        assert person.searchable_name() == ""


@pytest.mark.parametrize("model_kind", ["resource", "webinar"])
def test_a_withdrawn_name_leaves_the_search_index_at_once(
    model_kind, people, django_capture_on_commit_callbacks
):
    page = make_page(model_kind, [Credit(person=people["named"], role=CreditRole.CO_AUTHOR)])
    model = {"resource": ResourcePage, "webinar": WebinarPage}[model_kind]
    index.insert_or_update_object(model.objects.get(pk=page.pk))
    assert [found.pk for found in model.objects.live().search("Adeyemi")] == [page.pk]

    with django_capture_on_commit_callbacks(execute=True):
        record_consent(people["named"], [Use.NAME], given=False)

    assert list(model.objects.live().search("Adeyemi")) == []
