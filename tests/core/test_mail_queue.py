"""Email goes through the task queue: a mail server that is down never shows as an error page,
the message is tried again later (waiting longer each time), and nothing is lost.

`queue` swaps the ImmediateBackend for django-tasks' DummyBackend, which only records what is
enqueued; `run(result)` then does what a worker would.
"""

import smtplib
from datetime import timedelta
from io import StringIO

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import task_backends
from pytest_django.asserts import assertRedirects

from core import outbox
from core.tasks import RETRY_DELAYS, deliver_email
from members import roles
from members.models import MemberProfile, User

from ..members.factories import MemberProfileFactory, UserFactory, member_in
from ..members.test_joining import SIGN_UP

pytestmark = pytest.mark.django_db

MAIL_SERVER_DOWN = "tests.core.test_mail_queue.MailServerDown"


class MailServerDown(BaseEmailBackend):
    """A delivery backend whose server refuses every connection, as SMTP's does when down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def queue(settings):
    """The task queue as a list: nothing runs until the test says so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend.results


@pytest.fixture
def server_down(settings):
    settings.COA_EMAIL_DELIVERY_BACKEND = MAIL_SERVER_DOWN


def deliveries(results):
    return [r for r in results if r.task.func is deliver_email.func]


def run(result):
    return result.task.call(*result.args, **result.kwargs)


def test_an_email_reaches_the_outbox_through_the_queue_with_every_part_intact(mailoutbox):
    message = EmailMultiAlternatives(
        subject="Your membership",
        body="Plain words",
        from_email="team@example.org",
        to=["ruth@example.org"],
        cc=["cc@example.org"],
        bcc=["bcc@example.org"],
        reply_to=["reply@example.org"],
        headers={"X-Community": "yes"},
    )
    message.attach_alternative("<p>Plain <strong>words</strong></p>", "text/html")
    message.attach("notes.txt", "Some notes", "text/plain")
    message.attach("tiny.bin", b"\x00\x01\xff", "application/octet-stream")

    assert message.send() == 1

    (sent,) = mailoutbox
    assert (sent.subject, sent.body, sent.from_email) == (
        "Your membership",
        "Plain words",
        "team@example.org",
    )
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        ["ruth@example.org"],
        ["cc@example.org"],
        ["bcc@example.org"],
        ["reply@example.org"],
    )
    assert sent.extra_headers == {"X-Community": "yes"}
    assert sent.alternatives == [("<p>Plain <strong>words</strong></p>", "text/html")]
    assert [tuple(a) for a in sent.attachments] == [
        ("notes.txt", "Some notes", "text/plain"),
        ("tiny.bin", b"\x00\x01\xff", "application/octet-stream"),
    ]


def test_an_html_only_message_stays_html(mailoutbox):
    message = EmailMessage("Hello", "<p>Hi</p>", to=["ruth@example.org"])
    message.content_subtype = "html"

    message.send()

    assert mailoutbox[0].message().get_content_type() == "text/html"


def test_sending_only_queues_the_message(queue, mailoutbox):
    EmailMessage("Hello", "Hi", to=["ruth@example.org"]).send()

    (result,) = deliveries(queue)
    assert mailoutbox == []
    assert run(result) == "sent"
    assert mailoutbox[0].subject == "Hello"


def test_sign_up_answers_normally_while_the_mail_server_is_down_and_the_email_is_retried(
    client, queue, server_down, mailoutbox, settings
):
    response = client.post(reverse("account_signup"), SIGN_UP)

    assertRedirects(response, reverse("account_email_verification_sent"))
    assert MemberProfile.objects.filter(user__email=SIGN_UP["email"]).exists()
    (first,) = deliveries(queue)
    assert first.task.run_after is None

    assert run(first) == "retrying"

    retry = deliveries(queue)[-1]
    assert retry.kwargs == {"attempt": 2}
    assert retry.task.run_after > timezone.now() + timedelta(seconds=50)
    assert mailoutbox == []

    settings.COA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(retry) == "sent"
    (email,) = mailoutbox
    assert email.to == [SIGN_UP["email"]]
    assert "/accounts/confirm-email/" in email.body


def test_password_reset_answers_normally_while_the_mail_server_is_down(client, queue, server_down):
    UserFactory(email="ruth@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "ruth@example.org"})

    assertRedirects(response, reverse("account_reset_password_done"))
    (first,) = deliveries(queue)
    assert "/accounts/password/reset/key/" in first.args[0]["body"]
    assert run(first) == "retrying"
    assert deliveries(queue)[-1].task.run_after > timezone.now()


def test_each_try_waits_longer_and_after_the_last_the_message_is_kept(queue, server_down, caplog):
    EmailMessage("Hello", "Hi", to=["ruth@example.org"]).send()

    waits = []
    while run(deliveries(queue)[-1]) == "retrying":
        before = timezone.now()
        waits.append(deliveries(queue)[-1].task.run_after - before)

    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 5, 30, 120, 720]
    assert len(waits) == len(RETRY_DELAYS)
    (kept,) = outbox.kept()
    assert outbox.read_kept(kept)["to"] == ["ruth@example.org"]
    assert "kept in" in caplog.text
    assert "ruth@example.org" not in caplog.text


def test_without_a_queue_that_can_wait_the_message_is_kept_at_once(
    client, server_down, mailoutbox, caplog
):
    """The ImmediateBackend (dev and test) cannot run a task later: nothing is lost still."""
    response = client.post(reverse("account_signup"), SIGN_UP)

    assertRedirects(response, reverse("account_email_verification_sent"))
    assert mailoutbox == []
    (kept,) = outbox.kept()
    assert outbox.read_kept(kept)["to"] == [SIGN_UP["email"]]
    assert "Could not send the email" in caplog.text


def test_resend_email_queues_the_kept_messages_again(server_down, settings, mailoutbox):
    EmailMessage("Hello", "Hi", to=["ruth@example.org"]).send()
    assert len(outbox.kept()) == 1

    settings.COA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("resend_email", stdout=StringIO())

    assert outbox.kept() == []
    assert mailoutbox[0].subject == "Hello"


def test_an_editor_approving_someone_while_the_mail_server_is_down_is_told_it_is_sent(
    client, queue, server_down
):
    editor = member_in(roles.EDITORS)
    profile = MemberProfileFactory(user=UserFactory(email="ruth@example.org"))
    client.force_login(editor)

    response = client.post(reverse("members_admin:approve", args=[profile.pk]), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "We have emailed them to say so." in page
    assert "We could not send the email" not in page
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.APPROVED
    (delivery,) = deliveries(queue)
    assert delivery.args[0]["to"] == ["ruth@example.org"]
    assert delivery.args[0]["alternatives"][0][1] == "text/html"
    assert User.objects.filter(email="ruth@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_in_production_the_database_queue_keeps_the_email_until_the_server_is_back(
    client, server_down, settings
):
    """The worker closes its connections between tasks, so this test commits for real."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email_tasks = DBTaskResult.objects.filter(task_path="core.tasks.deliver_email")

    response = client.post(reverse("account_signup"), SIGN_UP)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assertRedirects(response, reverse("account_email_verification_sent"))
    waiting = email_tasks.get(status="READY")
    assert waiting.run_after > timezone.now()
    assert waiting.args_kwargs["kwargs"] == {"attempt": 2}
    assert waiting.args_kwargs["args"][0]["to"] == [SIGN_UP["email"]]
    assert email_tasks.filter(status="SUCCESSFUL").count() == 1  # the first try, handled
