"""Control characters are refused at the edge, before any view or query sees them.

PostgreSQL refuses NUL in text (SQLite does not, so tests on SQLite miss it) and no form of the
portal needs control characters: one middleware checks the path, the query string, form fields
and JSON bodies, and answers 400 with a message in the user's language (JSON under /api/)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return (multi-line text), DEL, and lone UTF-16
# surrogates (JSON "\ud800" decodes to one, and no database can store it).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_control_character(value: str) -> bool:
    return FORBIDDEN.search(value) is not None


def _json_strings(value: Any, name: str = "") -> Iterator[tuple[str, str]]:
    """(field name, string) for every key and string value of a decoded JSON document."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key, key
            yield from _json_strings(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, name)


def _form_strings(data) -> Iterator[tuple[str, str]]:
    for key, values in data.lists():
        yield key, key
        for value in values:
            if isinstance(value, str):
                yield key, value


def _form_body(request: HttpRequest):
    """The form fields of the body: Django parses them for POST only, the API for PUT and PATCH too."""
    if request.method == "POST":
        return request.POST
    try:
        if request.content_type == "multipart/form-data":
            return request.parse_file_upload(request.META, io.BytesIO(request.body))[0]
        return QueryDict(request.body, encoding=request.encoding)
    except (MultiPartParserError, ValueError):
        return QueryDict()  # malformed: the API's parser answers that itself


def refused_field(request: HttpRequest) -> str | None:
    """The name of the first field holding a forbidden character ("" for the address itself),
    or None when the request is clean."""
    if has_control_character(request.path_info):
        return ""
    for key, value in _form_strings(request.GET):
        if has_control_character(value):
            return key
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        for key, value in _form_strings(_form_body(request)):
            if has_control_character(value):
                return key
    elif content_type == "application/json" or content_type.endswith("+json"):
        try:
            document = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # not JSON: the API's parser answers that itself
        for key, value in _json_strings(document):
            if has_control_character(value):
                return key
    return None


def refusal_message(field: str) -> str:
    if not field:
        return _("The address contains a control character (such as NUL): remove it and try again.")
    return _(
        "The field or parameter “%(field)s” contains a control character (such as NUL), which is not accepted: "
        "remove it (retype the text rather than pasting it) and try again."
    ) % {"field": FORBIDDEN.sub("?", field)[:60]}


class ControlCharacterMiddleware:
    """Answer 400 to any request carrying a control character; placed after the locale and
    authentication middleware so the page is in the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = refused_field(request)
        if field is None:
            return self.get_response(request)
        message = refusal_message(field)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "control_character"}, status=400)
        return render(request, "400.html", {"reason": message}, status=400)
