from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language

from circuito.accounts import services
from circuito.languages.links import remember_language, url_in_language


def switch_language(request: HttpRequest, language: str) -> HttpResponseRedirect:
    """The switcher's link: remember the choice, then show the same page in that language."""
    if language not in dict(settings.LANGUAGES) or not check_for_language(language):
        raise Http404
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = f"/{language}/"
    response = HttpResponseRedirect(url_in_language(next_url, language))
    remember_language(response, language)
    user = request.user
    # A link followed from another site switches the page but does not rewrite the account: the
    # preference also decides the language of the user's e-mails.
    same_site = request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
    if user.is_authenticated and same_site and getattr(user, "preferred_language", language) != language:
        services.update_profile(user, actor=user, data={"preferred_language": language})
    return response
