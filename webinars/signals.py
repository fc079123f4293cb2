"""Signals of the webinars app (plain Django signals; receivers in signal_handlers.py)."""

from django.dispatch import Signal

#: Sent with `speaker` (the copy consent is recorded on) and `uses` (the Use values that
#: changed) after the change has committed.
consent_changed = Signal()
