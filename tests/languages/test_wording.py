"""One English message id per meaning: contexts for the words whose translation depends on what
they qualify, plurals for counts, and dates in each language's own style."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.translation import pgettext

from reporting.models import MonitoringReport
from tierslieux.models import OpeningHours


@pytest.mark.parametrize(
    ("language", "dates", "times"),
    [("it", ("Dal", "Al"), ("Dalle", "Alle")), ("fr", ("Du", "Au"), ("De", "À"))],
)
def test_from_and_to_depend_on_what_they_bound(language, dates, times):
    with translation.override(language):
        assert (pgettext("date range", "From"), pgettext("date range", "To")) == dates
        assert (pgettext("time range", "From"), pgettext("time range", "To")) == times


@pytest.mark.parametrize(
    ("language", "date", "datetime"),
    [
        ("it", "7 dicembre 2026", "lunedì 7 dicembre 2026, 14:05"),
        ("fr", "7 décembre 2026", "7 décembre 2026 14:05"),
    ],
)
def test_dates_in_each_language_style(language, date, datetime):
    moment = dt.datetime(2026, 12, 7, 14, 5)
    with translation.override(language):
        assert formats.date_format(moment, "DATE_FORMAT") == date
        assert formats.date_format(moment, "DATETIME_FORMAT") == datetime


@pytest.mark.parametrize(("language", "label"), [("it", "Lunedì"), ("fr", "Lundi")])
def test_weekdays_standing_alone_keep_their_capital(language, label):
    with translation.override(language):
        assert str(OpeningHours.Weekday.MONDAY.label) == label


@pytest.mark.parametrize(
    ("language", "form", "report"),
    [("fr", "Envoyée", "Demandé le 7 décembre 2026"), ("it", "Inviata", "Richiesta il 7 dicembre 2026")],
)
def test_gender_follows_the_noun(language, form, report):
    with translation.override(language):
        assert str(MonitoringReport.Status.SUBMITTED.label) == form  # une fiche, una scheda
        rendered = Template(
            '{% load i18n %}{% blocktranslate context "report" %}Requested on {{ date }}{% endblocktranslate %}'
        ).render(Context({"date": "7 décembre 2026" if language == "fr" else "7 dicembre 2026"}))
        assert rendered == report  # un rapport, una relazione


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("fr", "1 envoyée, 1 destinataire", "2 envoyées, 2 destinataires"),
        ("it", "1 inviata, 1 destinatario", "2 inviate, 2 destinatari"),
    ],
)
def test_counts_agree_with_their_number(language, one, two):
    template = Template(
        '{% load i18n %}{% blocktranslate count n=n context "responses" %}{{ n }} submitted{% plural %}'
        "{{ n }} submitted{% endblocktranslate %}, {% blocktranslate count n=n %}{{ n }} recipient{% plural %}"
        "{{ n }} recipients{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"n": 1})) == one
        assert template.render(Context({"n": 2})) == two
