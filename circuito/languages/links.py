"""The same page in another language.

`set_language` translates its `next` with the *active* language's URL patterns, so an `/it/` URL
posted while French is active came back unchanged. Here a URL is resolved under the language of
its own prefix, then reversed under the target language; a `next` in its query string (login,
sign-up) follows, so that the page reached after logging in is in the chosen language too.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path, get_language_info

# Query parameters that carry a page of the portal to go to next.
NEXT_PARAMETERS = ("next",)


def _path_in_language(path: str, language: str) -> str:
    current = get_language_from_path(path)
    if current is None:
        return path  # not a translated page (API, files): the same in every language
    with translation.override(current):
        translated = translate_url(path, language)
    if translated == path and current != language:
        # Not resolvable (a 404 page, a URL reversed with other arguments): the prefix alone
        # says the language, as no path segment is translated.
        translated = f"/{language}/" + path[len(current) + 2 :]
    return translated


def _is_local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def url_in_language(url: str, language: str) -> str:
    """`url` (a local path with its query string) as the same page in `language`."""
    parts = urlsplit(url)
    path = _path_in_language(parts.path, language)
    query = parts.query
    if query and any(f"{name}=" in query for name in NEXT_PARAMETERS):
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [
                (key, url_in_language(value, language) if key in NEXT_PARAMETERS and _is_local(value) else value)
                for key, value in pairs
            ],
            safe="/",
        )
    return urlunsplit(("", "", path, query, parts.fragment))


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name_local: str
    page_url: str  # the same page in this language
    switch_url: str  # sets the preference, then goes to `page_url`
    current: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """One link per language for the page being shown (built under the page's language)."""
    full_path = request.get_full_path()
    active = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        page_url = url_in_language(full_path, code)
        switch_url = reverse("switch_language", args=[code]) + "?next=" + quote(page_url, safe="/")
        links.append(LanguageLink(code, get_language_info(code)["name_local"], page_url, switch_url, code == active))
    return links


def remember_language(response: HttpResponse, language: str) -> None:
    """The language cookie: the default for addresses without a language prefix (the root)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
