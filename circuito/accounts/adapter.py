from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import translate_url

from circuito.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """After login, continue in the user's preferred language."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        return translate_url(url, language) if language else url

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's rate limits count: the portal's one trusted-proxy aware answer."""
        return client_ip(request)


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """django-axes looks for a username; allauth logs in with an e-mail address."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or request.POST.get("login")
    return (value or "").strip().lower() or None
