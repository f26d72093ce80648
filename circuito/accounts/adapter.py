from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from circuito.client_ip import client_ip
from circuito.languages.links import remember_language, url_in_language
from circuito.mail import PORTAL_NAME, html_part, portal_url


class AccountAdapter(DefaultAccountAdapter):
    # The page reached after logging in keeps the language of the page the user came from (its
    # `next`, or the login page's own language): allauth resolves both under the active language.

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        """The user's preferred language becomes the default for addresses without a language
        prefix (the site's root), as the switcher's choice does."""
        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "preferred_language", "")
        if language and hasattr(response, "set_cookie"):
            remember_language(response, language)
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails in the recipient's language, greeting from the portal's name (not the
        request's host), with links on SITE_URL in that language."""
        from circuito.accounts.models import User

        request = allauth_context.request
        language = (
            User.objects.filter(email__iexact=email).values_list("preferred_language", flat=True).first()
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )
        # allauth builds its links on the request's host: move them to the configured base URL.
        host = request.build_absolute_uri("/").rstrip("/") if request is not None else None
        context = {
            key: portal_url(url_in_language(value[len(host) :], language))
            if host and isinstance(value, str) and value.startswith(host + "/")
            else value
            for key, value in context.items()
        }
        site = SimpleNamespace(name=PORTAL_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        with translation.override(language):
            msg = self.render_mail(
                template_prefix, email, {"request": request, "email": email, "current_site": site, **context}
            )
        msg.send()

    def render_mail(self, template_prefix: str, email: str | list[str], context: dict, headers=None) -> EmailMessage:
        """allauth ships text e-mails: every e-mail of the portal also has an HTML part."""
        msg = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(msg, "alternatives", None) and msg.content_subtype == "plain":
            msg.attach_alternative(html_part(msg.body), "text/html")
        return msg

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's rate limits count: the portal's one trusted-proxy aware answer."""
        return client_ip(request)


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """django-axes looks for a username; allauth logs in with an e-mail address."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or request.POST.get("login")
    return (value or "").strip().lower() or None
