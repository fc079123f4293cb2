"""Email messages as JSON, so they can wait in the task queue, and the folder that keeps the
ones that could not be delivered (COA_EMAIL_UNDELIVERED_DIR) until `manage.py resend_email`.

A message keeps its subject, body, addresses, headers, HTML and other alternatives, and any
attachment given as a file name, text or bytes and a type. An attachment built as a MIME
part by hand cannot be written as JSON: `to_json` refuses it with `NotQueueable`.
"""

import base64
import json
import secrets
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone


class NotQueueable(ValueError):
    """The message has a part JSON cannot hold (an attachment that is a MIME object)."""


def _strings(values):
    return [str(value) for value in values]


def _attachment_to_json(attachment):
    if isinstance(attachment, MIMEBase):
        raise NotQueueable("an attachment is a MIME part")
    filename, content, mimetype = attachment
    part = {"filename": filename, "mimetype": mimetype}
    if isinstance(content, bytes):
        part["content_base64"] = base64.b64encode(content).decode("ascii")
    elif isinstance(content, str):
        part["content"] = content
    else:
        raise NotQueueable(f"an attachment's content is {type(content).__name__}")
    return part


def to_json(message):
    """A dict of plain JSON values from which `from_json` rebuilds the same message."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": _strings(message.to),
        "cc": _strings(message.cc),
        "bcc": _strings(message.bcc),
        "reply_to": _strings(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_to_json(attachment) for attachment in message.attachments],
        "content_subtype": message.content_subtype,
        "encoding": message.encoding,
    }


def from_json(data):
    """The message `to_json` described, as an EmailMultiAlternatives ready to send."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=data["alternatives"],
    )
    for part in data["attachments"]:
        if "content_base64" in part:
            content = base64.b64decode(part["content_base64"])
        else:
            content = part["content"]
        message.attach(part["filename"], content, part["mimetype"])
    message.content_subtype = data["content_subtype"]
    message.encoding = data["encoding"]
    return message


# Messages that could not be delivered -----------------------------------------------------


def undelivered_dir():
    return settings.COA_EMAIL_UNDELIVERED_DIR


def keep(data):
    """Write an undelivered message to the folder; return the file's path."""
    folder = undelivered_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.json"
    path.touch(mode=0o600)  # it may hold a sign-in or password-reset link
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def kept():
    """The files of the messages waiting in the folder, oldest first."""
    folder = undelivered_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def read_kept(path):
    return json.loads(path.read_text(encoding="utf-8"))
