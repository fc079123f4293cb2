"""Watching and muting: what a member keeps up with, and whose posts they would rather not
see. Rows, one per member and topic, board or muted writer (database constraints), made
with get_or_create so a double click or two requests at once make one. Who hears about a
post is forums.audience's; the routes are forums.models.following_routes'.
"""

from django.utils.translation import gettext as _

from .models.following import Mute, Watch

# Watching ------------------------------------------------------------------------------


def watch(member, topic):
    """`member` watches `topic` (they posted in it); nothing changes if they already do."""
    Watch.objects.get_or_create(member=member, topic=topic)


def is_watching(member, *, topic=None, board=None):
    if member is None or not member.is_authenticated:
        return False
    return Watch.objects.filter(member=member, topic=topic, board=board).exists()


def set_watching(member, wanted=None, *, topic=None, board=None):
    """Start (`wanted` True) or stop (False) `member` watching `topic` or `board`, or the
    other way round from now (None); True if they watch it afterwards."""
    rows = Watch.objects.filter(member=member, topic=topic, board=board)
    if wanted is None:
        wanted = not rows.exists()
    if wanted:
        Watch.objects.get_or_create(member=member, topic=topic, board=board)
    else:
        rows.delete()
    return wanted


# Muting --------------------------------------------------------------------------------


def face_of(post):
    """(writer id, under a pseudonym?): the writer as `post` shows them, which is what a
    mute is of."""
    return (post.author_id, bool(post.author_id and post.under_pseudonym))


def muted_faces(member):
    """The (writer id, under a pseudonym?) pairs `member` muted, in one query (empty for a
    visitor)."""
    if member is None or not member.is_authenticated:
        return frozenset()
    rows = Mute.objects.filter(member=member).values_list("muted_id", "as_pseudonym")
    return frozenset(rows)


def set_muted(member, post, wanted=None):
    """Mute (`wanted` True) or unmute (False) the writer of `post`, as the post shows them
    (by name or by pseudonym), for `member`, or the other way round from now (None); True
    if they are muted afterwards. The writer is never told."""
    writer_id, pseudonymous = face_of(post)
    rows = Mute.objects.filter(member=member, muted_id=writer_id, as_pseudonym=pseudonymous)
    if wanted is None:
        wanted = not rows.exists()
    if wanted:
        Mute.objects.get_or_create(member=member, muted_id=writer_id, as_pseudonym=pseudonymous)
    else:
        rows.delete()
    return wanted


def muted_names(mutes):
    """{mute id: the name to show its member}: the name the writer was muted under, so a
    pseudonym stays a pseudonym (and a name is never put beside it)."""
    names = {}
    for mute in mutes:
        muted = mute.muted
        identity = getattr(muted, "forum_identity", None)
        if mute.as_pseudonym:
            name = identity.pseudonym if identity is not None else ""
        else:
            name = muted.get_full_name()
        names[mute.pk] = name or _("A member you muted")
    return names
