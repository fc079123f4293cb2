"""The two signals every app's personal data joins: the member's data download and erasure.

members/personal_data.py builds the download (`export`) and erases accounts
(`erase_account`); each other app adds what it holds about a person through these signals,
in its `signal_handlers.py`, without members importing it or it importing members::

    from core.personal_data import erases, exports

    @exports("forums.Post.author")
    def forum_posts(sender, user, **kwargs):
        return {"forum_posts": [...]}   # one or more top-level sections, JSON-ready

    @erases("forums.Subscription.member")
    def forget_subscriptions(sender, user, **kwargs):
        Subscription.objects.filter(member=user).delete()

`exports` and `erases` also record which "app_label.Model.field" each receiver covers, so a
test can fail for any field pointing at a person that nothing downloads or erases.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.dispatch import Signal

#: Sent with `user`; each receiver returns a dict of extra top-level sections for the download.
collect_personal_data = Signal()

#: Sent with `user` inside the erasing transaction, before the account is anonymised, and
#: `choices`: {choice name: the option chosen} for the ErasureChoices the person was offered.
erasing_account = Signal()

DOWNLOAD = "download"
ERASURE = "erasure"

_covered = {DOWNLOAD: set(), ERASURE: set()}


def exports(*fields):
    """Connect the decorated function to `collect_personal_data`, declaring the fields
    ("app_label.Model.field") whose rows it puts in the download."""
    return _connect_covering(collect_personal_data, DOWNLOAD, fields)


def erases(*fields):
    """Connect the decorated function to `erasing_account`, declaring the fields
    ("app_label.Model.field") whose rows it deletes, anonymises or deliberately keeps."""
    return _connect_covering(erasing_account, ERASURE, fields)


def _connect_covering(signal, purpose, fields):
    def connect(receiver):
        signal.connect(receiver, dispatch_uid=f"{receiver.__module__}.{receiver.__qualname__}")
        _covered[purpose].update(fields)
        return receiver

    return connect


def declare_covered(*fields, purposes):
    """Record fields a module deals with itself, without a receiver (members' own)."""
    for purpose in purposes:
        _covered[purpose].update(fields)


def covered_fields(purpose):
    """The "app_label.Model.field" labels declared for DOWNLOAD or ERASURE."""
    return frozenset(_covered[purpose])


@dataclass(frozen=True)
class ErasureChoice:
    """A choice the person makes when they delete their account, about something they wrote
    that other people took part in (for example: keep my forum posts without my name, or
    remove them). The first option is the default, also for an account an administrator
    deletes; the app's `erasing_account` receiver reads the answer from `choices[name]`."""

    name: str
    label: str
    options: tuple  # ((value, label), ...)
    applies: Callable  # applies(user) -> bool: offer it to this person?
    help_text: str = ""

    @property
    def default(self):
        return self.options[0][0]


_choices = {}


def offer_on_erasure(choice):
    """Offer `choice` on the delete-your-account page (to the people it applies to)."""
    _choices[choice.name] = choice
    return choice


def erasure_choices(user):
    """The choices `user` is offered when deleting their account."""
    return [choice for choice in _choices.values() if choice.applies(user)]


def chosen(choices, name):
    """The option chosen for `name` in a receiver's `choices`, else the choice's default."""
    choice = _choices[name]
    value = (choices or {}).get(name, choice.default)
    return value if value in dict(choice.options) else choice.default
