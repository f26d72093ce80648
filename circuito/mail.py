"""Every e-mail of the portal: a plain-text part and an HTML part, branded with the portal's
name, links on the one configured base URL (SITE_URL) rather than the host of whatever request
triggered the mail.

Callers render their text in the recipient's language (`translation.override`) and send it with
`send_mail` (the signature of Django's) or build it with `message`: the HTML part is made from the
text (paragraphs, links) in the portal's layout.
"""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

PORTAL_NAME = "CIRCUITO"


def portal_url(path: str) -> str:
    """A path of the portal (with its language prefix) as an absolute URL on SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


def html_part(text: str, language: str | None = None) -> str:
    """The HTML version of a plain-text e-mail, in the portal's layout."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return render_to_string(
        "email/message.html",
        {"text": text, "language": language, "portal_name": PORTAL_NAME, "site_url": settings.SITE_URL},
    )


def message(
    subject: str,
    body: str,
    to: list[str],
    *,
    from_email: str | None = None,
    language: str | None = None,
    html: str | None = None,
    connection=None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """An e-mail with its text part `body` and an HTML part (made from `body` unless given)."""
    # One line; non-breaking spaces (French typography) stay.
    subject = re.sub(r"\s*[\r\n]+\s*", " ", subject).strip()
    email = EmailMultiAlternatives(subject, body, from_email, to, connection=connection, headers=headers)
    email.attach_alternative(html if html is not None else html_part(body, language), "text/html")
    return email


def send_mail(
    subject: str,
    message_text: str,
    from_email: str | None,
    recipient_list: list[str],
    fail_silently: bool = False,
    connection=None,
    html_message: str | None = None,
    language: str | None = None,
) -> int:
    """Django's `send_mail`, with the HTML part every e-mail of the portal carries."""
    email = message(
        subject,
        message_text,
        recipient_list,
        from_email=from_email,
        language=language,
        html=html_message,
        connection=connection,
    )
    return email.send(fail_silently=fail_silently)
