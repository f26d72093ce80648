"""The portal's URLs plus a page with both autocomplete fields, for the browser test."""

from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import CommuneField
from circuito.nace.forms import NaceField
from tests.nace.urls import urlpatterns as portal_urlpatterns

PAGE = """{% extends "base.html" %}{% block content %}
<form method="post" novalidate>{% csrf_token %}{{ form }}
<button type="submit" class="btn btn-primary">OK</button></form>
<p id="result">{{ result }}</p>
{% endblock %}{% block extra_js %}{{ form.media }}{% endblock %}"""


class PlaceForm(BootstrapFormMixin, forms.Form):
    commune = CommuneField(label="Commune")
    nace = NaceField(label="Activity", required=False)


def place_form(request: HttpRequest) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    result = ""
    if request.method == "POST" and form.is_valid():
        result = f"picked {form.cleaned_data['commune'].name} / {form.cleaned_data['nace'] or '-'}"
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"form": form, "result": result}, request))


urlpatterns = list(portal_urlpatterns) + i18n_patterns(
    path("test-place-form/", place_form, name="test_place_form"), prefix_default_language=True
)
