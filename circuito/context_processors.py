from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """Values every page needs: the site URL and the other language for the switcher."""
    return {"SITE_URL": settings.SITE_URL, "DEBUG": settings.DEBUG}
