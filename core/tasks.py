"""Background tasks every app shares (django-tasks): delivering queued email.

`core.mail.TaskQueueEmailBackend` turns each message into a `deliver_email` task, which sends
it through the real backend, COA_EMAIL_DELIVERY_BACKEND (SMTP in production). When the mail
server cannot be reached the task queues itself again for later, waiting longer each time
(RETRY_DELAYS). After the last try, or on a task backend that cannot run a task later (the
ImmediateBackend of dev and test), the message is kept in COA_EMAIL_UNDELIVERED_DIR and an
error is logged; `manage.py resend_email` queues the kept messages again.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from django_tasks import task

from . import outbox

logger = logging.getLogger(__name__)

#: How long to wait before each further try: 6 tries over about 15 hours in all.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)


@task()
def deliver_email(message, attempt=1):
    """Send one message (as `core.outbox.to_json` wrote it); return "sent", "retrying" or
    "kept"."""
    email = outbox.from_json(message)
    connection = get_connection(settings.COA_EMAIL_DELIVERY_BACKEND)
    try:
        connection.send_messages([email])
    except (smtplib.SMTPException, OSError) as error:
        return _retry_or_keep(message, attempt, error)
    return "sent"


def _retry_or_keep(message, attempt, error):
    # The error's text can hold the addresses, so only its kind goes to the log.
    problem = type(error).__name__
    if attempt <= len(RETRY_DELAYS) and deliver_email.get_backend().supports_defer:
        delay = RETRY_DELAYS[attempt - 1]
        deliver_email.using(run_after=timezone.now() + delay).enqueue(message, attempt=attempt + 1)
        logger.warning(
            "Could not send the email %r (try %d, %s); trying again in %s",
            message["subject"],
            attempt,
            problem,
            delay,
        )
        return "retrying"
    path = outbox.keep(message)
    logger.error(
        "Could not send the email %r (try %d, %s); kept in %s for `manage.py resend_email`",
        message["subject"],
        attempt,
        problem,
        path,
    )
    return "kept"
