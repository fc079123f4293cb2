"""Development email backend: prints each message and keeps a copy in a file outbox."""

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(ConsoleBackend):
    """Writes to the console like Django's console backend, and to `COA_EMAIL_OUTBOX_DIR`."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        settings.COA_EMAIL_OUTBOX_DIR.mkdir(parents=True, exist_ok=True)
        FileBackend(file_path=str(settings.COA_EMAIL_OUTBOX_DIR)).send_messages(email_messages)
        return sent
