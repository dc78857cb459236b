"""Mails as sent: multipart (plain text and HTML), absolute URLs, the site's name and
address in the footer, and for digests the unsubscribe headers of RFC 2369 and RFC 8058."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# Stand-ins in a rendering shared by many subscribers, replaced per person when sending.
MANAGE_URL = "https://personal.invalid/manage"
UNSUBSCRIBE_URL = "https://personal.invalid/unsubscribe"


@dataclass(frozen=True)
class Rendered:
    """A mail's subject and bodies, possibly with the stand-ins above."""

    subject: str
    text: str
    html: str

    def personal(self, *, manage_url: str, unsubscribe_url: str) -> "Rendered":
        def fill(body: str) -> str:
            return body.replace(MANAGE_URL, manage_url).replace(UNSUBSCRIBE_URL, unsubscribe_url)

        return Rendered(self.subject, fill(self.text), fill(self.html))


def render_mail(template: str, context: dict, subject: str) -> Rendered:
    """`newsletter/mail/<template>.txt` and `.html`, with the same context."""
    return Rendered(
        subject=subject,
        text=render_to_string(f"newsletter/mail/{template}.txt", context),
        html=render_to_string(f"newsletter/mail/{template}.html", context),
    )


def message(rendered: Rendered, *, to: str, unsubscribe_url: str = "") -> EmailMultiAlternatives:
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    mail.attach_alternative(rendered.html, "text/html")
    return mail
