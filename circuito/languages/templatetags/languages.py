from django import template
from django.conf import settings
from django.http import HttpRequest

from circuito.languages.links import LanguageLink, language_links
from circuito.mail import portal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context: template.Context) -> list[LanguageLink]:
    """The language switcher's links for the page being rendered (empty without a request)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return []
    links = getattr(request, "_language_links", None)
    if links is None:  # the head and the navbar both ask
        links = request._language_links = language_links(request)
    return links


@register.simple_tag
def absolute_url(path: str) -> str:
    """A path of the portal as an absolute URL on the configured base URL (SITE_URL)."""
    return portal_url(path)


@register.simple_tag(takes_context=True)
def page_alternates(context: template.Context) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page in each language, and x-default in the default one."""
    links = page_languages(context)
    alternates = [(link.code, absolute_url(link.page_url)) for link in links]
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
    return alternates + ([("x-default", default)] if default else [])
