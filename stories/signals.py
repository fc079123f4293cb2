"""What the stories app tells other apps."""

from django.dispatch import Signal

#: A teller changed who may read their story, how they are named or whether members may
#: comment (`story`: the default-language copy, as it now is; `user`: the teller). Forums
#: close the story's discussion to new replies when comments are no longer allowed.
choices_changed = Signal()

#: A retracted story's keeping time is up and it is about to be deleted (`story`, one
#: language copy). Forums delete the discussion about it, which may quote it.
deleting_retracted = Signal()
