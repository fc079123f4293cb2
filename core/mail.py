"""Email backends: the queue every message goes through (EMAIL_BACKEND), and the development
backend that prints each message and keeps a copy in a file outbox.

With TaskQueueEmailBackend, sending an email only queues a `core.tasks.deliver_email` task,
so a mail server that is down never turns a sign-up, a password reset or an editor's
decision into an error page; the task sends through COA_EMAIL_DELIVERY_BACKEND and tries
again later when it cannot.
"""

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.db import DatabaseError

from . import outbox
from .tasks import deliver_email


class TaskQueueEmailBackend(BaseEmailBackend):
    """Queues each message for delivery; returns how many were queued (or sent at once).

    A message JSON cannot hold (see core.outbox) is sent at once through the delivery
    backend, as it would have been without the queue.
    """

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                data = outbox.to_json(message)
            except outbox.NotQueueable:
                count += self._deliver_now(message)
                continue
            try:
                deliver_email.enqueue(data)
            except DatabaseError:
                if not self.fail_silently:
                    raise
                continue
            count += 1
        return count

    def _deliver_now(self, message):
        connection = get_connection(
            settings.COA_EMAIL_DELIVERY_BACKEND, fail_silently=self.fail_silently
        )
        return connection.send_messages([message]) or 0


class ConsoleAndFileBackend(ConsoleBackend):
    """Writes to the console like Django's console backend, and to `COA_EMAIL_OUTBOX_DIR`."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        settings.COA_EMAIL_OUTBOX_DIR.mkdir(parents=True, exist_ok=True)
        FileBackend(file_path=str(settings.COA_EMAIL_OUTBOX_DIR)).send_messages(email_messages)
        return sent
