"""Demo content for the forums: boards where members talk about trauma-informed practice.

`build(stdout)` is called by `manage.py demo_content` after the home, members, resources and
webinars demos (it needs the home page, the approved demo members, and the resources and
webinars it discusses). It creates:

- the forums' index "Forums" under the home page, in the menu;
- 6 boards, one for members only, and "Shared resources and webinars", which the forum
  settings name as the board for "Discuss this";
- 40 topics and their posts, written in `data/boards/*.json`: pinned and locked topics,
  content notes on topics and on posts, posts under pseudonyms (`"as"`), replies that
  answer an earlier post (`"reply_to"`, its place in the topic) or come from the same
  writer as one (`"same_as"`), and "Discuss this" topics about resources and webinars
  (`"about"`);
- writers: 80 approved demo members (seeded, so the same every time; never the role
  sign-ins unless a post says `"by": "moderator"` or `"by": "member"`), some with a
  pseudonym; reactions from other members; one open report, for the moderators' queue;
- the index and boards in Welsh, translated through wagtail-localize as an editor would
  (core.demo_translation). Topics belong to the English boards, so the Welsh boards show
  the same conversations.

Dates are spread over the last eight months, counted back from the day the demo is built.
It is idempotent: pages are found by their place in the tree and their slug, topics by
their board and title (a discussion by the page it is about), pseudonyms by their name;
posts, reactions and the report are only added with a topic this run creates.
"""

import random
from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo import find_or_create_page, read_data
from core.demo_translation import translate
from home.models import HomePage
from members.demo import DEMO_LOGINS
from members.models import MemberProfile, User
from resources.models import ResourcePage
from stories.models import StoryPage
from webinars.models import WebinarPage

from .. import markdown
from ..models import (
    BoardPage,
    ForumIdentity,
    ForumIndexPage,
    ForumSettings,
    Post,
    Reaction,
    Report,
    Topic,
    Watch,
)

SEED = 2026
WELSH = "cy"
#: How many approved demo members write in the forums (all of them write at least once).
WRITERS = 80
#: Topics started over this many days before the build; replies follow within a month.
SPAN_DAYS = 240
REPLIES_WITHIN_DAYS = 30
#: How many reactions a post may get, weighted towards few.
REACTION_COUNTS = (0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 6)
REACTION_KINDS = (
    [Reaction.Kind.THANK_YOU] * 4
    + [Reaction.Kind.HELPFUL] * 3
    + [Reaction.Kind.SUPPORT] * 2
    + [Reaction.Kind.AGREE] * 2
)
ROLE_SIGN_INS = {"moderator": "moderator@example.org", "member": "member@example.org"}
PAGE_TYPES = {"resource": ResourcePage, "webinar": WebinarPage, "story": StoryPage}


def build(stdout):
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        stdout.write("  No home page yet: the home demo makes it. Forums skipped.\n")
        return
    spec = read_data(__package__, "forums.json")
    board_specs = [read_data(__package__, f"boards/{slug}.json") for slug in spec["boards"]]
    writers = demo_writers()
    if not writers:
        stdout.write("  No approved demo members yet: the members demo makes them.\n")
        return

    counts = dict.fromkeys(("topics", "posts", "reactions", "reports"), 0)
    with disable_reference_index_auto_update():
        index, boards = ensure_pages(home, spec, board_specs)
        people = Writers(writers, ensure_pseudonyms(spec["pseudonyms"], writers))
        for board_spec in board_specs:
            ensure_topics(boards[board_spec["slug"]], board_spec["topics"], people, counts)
        shared = ensure_discussion_board(boards[spec["discussion_board"]])
        translated = ensure_welsh(index, spec, boards, board_specs, stdout)
    for page in demo_pages(index):
        ReferenceIndex.create_or_update_for_object(page)

    topics = Topic.objects.filter(board__in=boards.values())
    stdout.write(
        f"Forums: {len(boards)} boards, {topics.count()} topics, "
        f"{Post.objects.filter(topic__in=topics).count()} posts; discussions on "
        f"'{shared.title}' ({counts['topics']} new topics, {counts['posts']} new posts, "
        f"{counts['reactions']} new reactions, {counts['reports']} new reports, "
        f"{translated} new Welsh translations).\n"
    )


# Pages ---------------------------------------------------------------------------------


def ensure_pages(home, spec, board_specs):
    """(index, {slug: board}): the forums' index and its boards, made where missing."""
    index, _created = find_or_create_page(
        home,
        ForumIndexPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        intro=spec["intro"],
        members_only=False,
        show_in_menus=True,
    )
    boards = {}
    for board_spec in board_specs:
        boards[board_spec["slug"]], _created = find_or_create_page(
            index,
            BoardPage,
            board_spec["slug"],
            title=board_spec["title"],
            summary=board_spec["summary"],
            intro=board_spec["intro"],
            guidelines=board_spec["guidelines"],
            members_only=board_spec["members_only"],
        )
    return index, boards


def discuss_pages(topic_specs):
    """Topics about pages made by demos that run after this one (stories), on the "Discuss
    this" board, written by the same demo writers; how many were new."""
    site = Site.objects.filter(is_default_site=True).first()
    board = ForumSettings.for_site(site).discussion_board
    writers = demo_writers()
    if board is None or not writers:
        return 0
    spec = read_data(__package__, "forums.json")
    people = Writers(writers, ensure_pseudonyms(spec["pseudonyms"], writers))
    counts = dict.fromkeys(("topics", "posts", "reactions", "reports"), 0)
    ensure_topics(board, topic_specs, people, counts)
    return counts["topics"]


def ensure_discussion_board(board):
    """The default site's forum settings name a board for "Discuss this" (unless an editor
    has chosen one already); the board they name."""
    site = Site.objects.filter(is_default_site=True).first()
    settings = ForumSettings.for_site(site)
    if settings.discussion_board_id is None:
        settings.discussion_board = board
        settings.save(update_fields=["discussion_board"])
    return settings.discussion_board


def demo_pages(index):
    """The index and boards in every language."""
    boards = BoardPage.objects.child_of(index)
    keys = [index.translation_key, *boards.values_list("translation_key", flat=True)]
    return list(ForumIndexPage.objects.filter(translation_key=index.translation_key)) + list(
        BoardPage.objects.filter(translation_key__in=keys)
    )


# Writers -------------------------------------------------------------------------------


def demo_writers():
    """WRITERS approved generated members, the same ones in the same order every time (by
    their generated email address); the role sign-ins write only where a post says so."""
    members = list(
        User.objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .exclude(email__in=[row[1] for row in DEMO_LOGINS])
        .order_by("email")
    )
    rng = random.Random(SEED)
    return rng.sample(members, min(WRITERS, len(members)))


def ensure_pseudonyms(pseudonyms, writers):
    """{pseudonym: member}: the last writers each get one of `pseudonyms`, unless the name
    is taken (a pseudonym is set once; the member keeps theirs)."""
    found = {}
    for pseudonym, member in zip(pseudonyms, reversed(writers), strict=False):
        identity = ForumIdentity.objects.filter(pseudonym=pseudonym).first()
        if identity is None and not ForumIdentity.objects.filter(member=member).exists():
            identity = ForumIdentity.objects.create(member=member, pseudonym=pseudonym)
        if identity is not None:
            found[pseudonym] = identity.member
    return found


class Writers:
    """Who writes each post: every demo writer once before anyone writes twice (so the
    demo has many voices), then a seeded choice; the role sign-ins and pseudonyms where a
    post names them."""

    def __init__(self, writers, pseudonyms):
        self.rng = random.Random(SEED)
        self.writers = writers
        self.unused = list(writers)
        self.pseudonyms = pseudonyms
        self.roles = {
            user.email: user for user in User.objects.filter(email__in=ROLE_SIGN_INS.values())
        }

    def for_post(self, post, previous):
        """(writer, under a pseudonym) for one post's spec; not the writer of `previous`."""
        if post.get("as") in self.pseudonyms:
            return self.pseudonyms[post["as"]], True
        if post.get("by") in ROLE_SIGN_INS:
            member = self.roles.get(ROLE_SIGN_INS[post["by"]])
            if member is not None:
                return member, False
        if self.unused:
            return self.unused.pop(0), False
        candidates = [member for member in self.writers if member != previous]
        return self.rng.choice(candidates), False

    def reactors(self, author, count):
        others = [member for member in self.writers if member != author]
        return self.rng.sample(others, min(count, len(others)))


# Topics and posts ----------------------------------------------------------------------


def post_spec(post):
    return {"body": post} if isinstance(post, str) else post


def ensure_topics(board, topic_specs, people, counts):
    """Each topic of the board that is missing, with its posts (in bulk), the reactions to
    them and any report; topics are dated back from now."""
    rng = random.Random(f"{SEED}-{board.slug}")
    now = timezone.now()
    for spec in topic_specs:
        about = discussed_page(spec.get("about"))
        title = about.title if about is not None else spec["title"]
        if topic_exists(board, title, about):
            continue
        posts = [post_spec(post) for post in spec["posts"]]
        times = post_times(rng, now, spec.get("days_ago"), len(posts))
        topic = Topic.objects.create(
            board=board,
            title=title,
            content_note=spec.get("content_note", ""),
            pinned=spec.get("pinned", False),
            locked=spec.get("locked", False),
            about_page=about,
            created_at=times[0],
            last_activity_at=times[-1],
        )
        created = create_posts(topic, posts, times, people)
        topic.recount()
        # As posting does: each writer watches the topic they wrote in.
        Watch.objects.bulk_create(
            [
                Watch(member_id=author_id, topic=topic, created_at=topic.created_at)
                for author_id in {post.author_id for post in created if post.author_id}
            ],
            ignore_conflicts=True,
        )
        counts["topics"] += 1
        counts["posts"] += len(created)
        counts["reactions"] += add_reactions(created, people, rng, now)
        counts["reports"] += add_reports(created, posts, people, now)


def discussed_page(about):
    """The default language's resource or webinar page `about` names, or None."""
    if not about:
        return None
    ((kind, slug),) = about.items()
    return PAGE_TYPES[kind].objects.filter(slug=slug, locale=Locale.get_default()).first()


def topic_exists(board, title, about):
    if about is not None and Topic.objects.filter(about_page=about).exists():
        return True
    return Topic.objects.filter(board=board, title=title).exists()


def post_times(rng, now, days_ago, count):
    """When each post was written: the topic started `days_ago` (else a seeded day in the
    last SPAN_DAYS), the replies after it in order, within a month and before now."""
    age = days_ago if days_ago is not None else rng.uniform(3, SPAN_DAYS)
    start = now - timedelta(days=age, minutes=rng.randint(0, 600))
    end = min(start + timedelta(days=REPLIES_WITHIN_DAYS), now - timedelta(minutes=20))
    span = max((end - start).total_seconds(), 60)
    later = sorted(rng.uniform(0.02, 1) * span for _post in range(count - 1))
    return [start, *(start + timedelta(seconds=seconds) for seconds in later)]


def create_posts(topic, posts, times, people):
    """The topic's posts in one insert (their HTML rendered as a save would), then which
    earlier post each answers."""
    rows, writers, previous = [], [], None
    for spec, when in zip(posts, times, strict=True):
        if "same_as" in spec:  # the writer of an earlier post in the topic, again
            author, pseudonymous = writers[spec["same_as"]]
        else:
            author, pseudonymous = people.for_post(spec, previous)
        writers.append((author, pseudonymous))
        previous = author
        body = markdown.clean_text(spec["body"])
        rows.append(
            Post(
                topic=topic,
                author=author,
                as_pseudonym=pseudonymous,
                body=body,
                body_html=markdown.render(body),
                content_note=spec.get("content_note", ""),
                status=Post.Status.PUBLISHED,
                created_at=when,
            )
        )
    created = Post.objects.bulk_create(rows)
    answering = []
    for post, spec in zip(created, posts, strict=True):
        if "reply_to" in spec:
            post.in_reply_to = created[spec["reply_to"]]
            answering.append(post)
    if answering:
        Post.objects.bulk_update(answering, ["in_reply_to"])
    return created


def add_reactions(posts, people, rng, now):
    rows = []
    for post in posts:
        for member in people.reactors(post.author, rng.choice(REACTION_COUNTS)):
            seconds = rng.uniform(60, max((now - post.created_at).total_seconds(), 120))
            rows.append(
                Reaction(
                    post=post,
                    member=member,
                    kind=rng.choice(REACTION_KINDS),
                    created_at=min(post.created_at + timedelta(seconds=seconds), now),
                )
            )
    return len(Reaction.objects.bulk_create(rows, ignore_conflicts=True))


def add_reports(posts, specs, people, now):
    """An open report (waiting for a moderator) on each post whose spec has `report`."""
    rows = []
    for post, spec in zip(posts, specs, strict=True):
        if "report" not in spec:
            continue
        reporter = people.reactors(post.author, 1)[0]
        rows.append(
            Report(
                post=post,
                reporter=reporter,
                reason=spec["report"]["reason"],
                detail=spec["report"]["detail"],
                created_at=min(post.created_at + timedelta(hours=3), now),
            )
        )
    return len(Report.objects.bulk_create(rows))


# Welsh ---------------------------------------------------------------------------------


def ensure_welsh(index, spec, boards, board_specs, stdout):
    """Translate the index, then each board (so each lands under the Welsh index): how
    many were new. The Welsh locale comes from the home demo; without it nothing is done."""
    welsh = Locale.objects.filter(language_code=WELSH).first()
    if welsh is None:
        return 0
    pages = [(index, ForumIndexPage(**page_words(spec[WELSH], ("intro",))))]
    for board_spec in board_specs:
        words = page_words(board_spec[WELSH], ("intro", "guidelines"))
        pages.append((boards[board_spec["slug"]], BoardPage(**words)))
    new = 0
    for page, words in pages:
        if not page.has_translation(welsh) and translate(page, words, welsh, stdout):
            new += 1
    return new


def page_words(words, fields):
    return {key: words[key] for key in ("title", "slug", "summary", *fields)}
