"""The issue's "done when", as one journey in a browser, in French and in Italian.

The coordinator of study 3.2 (PACA) publishes a template; a partner in Italy (LIG) and a partner in
France (MNCA) each capture a focus group in their own country — the Italian page is closed mid-capture
and a new page finds everything typed — and submit it; the coordinator validates both, tags a quote,
adds a SWOT item supported by it, and downloads the synthesis (PDF) and the answers (XLSX).

What the browser is not the point of (people, territories, the template's questions, participants
with their consent) is created in the database.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from focusgroups.models import Answer, Coding, ConsentText, Quote, Session, SwotItem, TemplateVersion, Theme
from tests.factories import RegionFactory, TerritoryFactory
from tests.focusgroups.factories import ParticipantFactory, PartnerFactory, SessionFactory
from tests.focusgroups.factories_sessions import build_world, partner_staff, published_version

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAMES = ["Giulia Bianchi", "Azienda Fiori", "Jeanne Secret", "Ferme Cachée"]  # never in an export


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _held_with_consented_participant(session: Session, *, name: str, organisation: str, country: str) -> None:
    """The focus group took place: one named participant whose consent is recorded."""
    Session.objects.filter(pk=session.pk).update(status=Session.Status.HELD, held_at=timezone.now())
    ParticipantFactory(
        session=session,
        pseudonym="P01",
        name=name,
        organisation_name=organisation,
        country=country,
        language=session.language,
        consent_text=ConsentText.objects.get(version=1, language=session.language),
        consent_at=timezone.now(),
    )


def _wait_saved(page) -> None:
    """Every answer confirmed by the server: the page says so and the device keeps no copy."""
    page.wait_for_function(
        "() => { const s = document.getElementById('fg-global-status');"
        " return s.textContent.trim() === s.dataset.fgSaved"
        " && !Object.keys(localStorage).some(k => k.startsWith('fg-capture')); }"
    )


def _submit(page, base: str, session: Session) -> None:
    page.goto(f"{base}/sessions/{session.pk}/")
    page.locator("#submit-session").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == Session.Status.SUBMITTED


def _download(page, tmp_path, name: str):
    page.locator("#job-status[data-job-status=done]").wait_for()
    with page.expect_download() as info:
        page.locator("#job-status a[href$='/download/']").click()
    path = tmp_path / name
    info.value.save_as(path)
    return info.value.suggested_filename, path


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_template_to_synthesis_across_the_border(page, live_server, tmp_path, lang):
    w = build_world()  # PACA coordinates 3.2; LIG's planned session in Liguria (Imperia)
    base = f"/{lang}/focus-groups"
    # A draft template written by the coordinator (the editor itself is tested in test_templates_e2e).
    version, q = published_version(w.study)
    TemplateVersion.objects.filter(pk=version.pk).update(status=TemplateVersion.Status.DRAFT, published_at=None)
    mnca = PartnerFactory(partner_code="MNCA", legal_name="Métropole Nice Côte d'Azur", country="FR")
    fr_owner = partner_staff(mnca)
    it_session = w.session
    fr_session = SessionFactory(
        study=w.study,
        template_version=version,
        organiser=mnca,
        region=RegionFactory(),
        department=TerritoryFactory(),
        language="fr",
        date=datetime.date(2026, 3, 5),
    )
    Session.objects.filter(pk=it_session.pk).update(template_version=version)
    _held_with_consented_participant(it_session, name="Giulia Bianchi", organisation="Azienda Fiori", country="IT")
    _held_with_consented_participant(fr_session, name="Jeanne Secret", organisation="Ferme Cachée", country="FR")
    language = Theme.objects.create(study=w.study, code="language", label_fr="Langue", label_it="Lingua")

    # 1. The coordinator publishes the template.
    _log_in(page, w.coordinator, live_server)
    page.goto(f"{base}/templates/{version.template_id}/?version=1")
    page.locator("#publish-version").click()
    page.wait_for_load_state()
    version.refresh_from_db()
    assert version.status == TemplateVersion.Status.PUBLISHED

    # 2. In Italy: the page is closed mid-capture with the network gone (also for the last saves sent
    # while the page closes): only the device keeps what was typed.
    _log_in(page, w.owner, live_server)
    context = page.context
    page.goto(f"{base}/capture/{it_session.pk}/")
    context.set_offline(True)
    it_text = "Troppa burocrazia tra Francia e Italia"
    page.locator(f"#answer-{q['text'].pk}").fill(it_text)
    page.locator(f"#notes-{q['text'].pk}").fill("tutti d'accordo")
    page.locator(f"label[for=answer-{q['single'].pk}-2]").click()
    page.locator(f"label[for=answer-{q['scale'].pk}-4]").click()
    page.wait_for_timeout(300)
    page.close()
    context.set_offline(False)
    # No database read here: with SQLite's shared in-memory test database, reading while the server
    # thread writes fails; what matters is what the new page shows, then what the server ends with.

    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base}/capture/{it_session.pk}/")
    assert page.locator(f"#answer-{q['text'].pk}").input_value() == it_text
    assert page.locator(f"#notes-{q['text'].pk}").input_value() == "tutti d'accordo"
    assert page.locator(f"#answer-{q['single'].pk}-2").is_checked()
    assert page.locator(f"#answer-{q['scale'].pk}-4").is_checked()
    _wait_saved(page)
    # A quote, said by P01, under the open question.
    page.locator(f"#quote-text-{q['text'].pk}").fill("Serve un interprete.")
    page.locator(f"#quote-participant-{q['text'].pk}").select_option(label="P01")
    page.locator(f"#quotes-{q['text'].pk} button.btn-outline-primary").click()
    page.locator(f"#quotes-{q['text'].pk} q").filter(has_text="Serve un interprete.").wait_for()
    it_answers = {a.question.key: a for a in Answer.objects.filter(session=it_session).select_related("question")}
    assert it_answers["obstacles"].value == it_text and it_answers["obstacles"].notes == "tutti d'accordo"
    assert it_answers["main-obstacle"].value == "tech" and it_answers["cooperation"].value == 4
    _submit(page, base, it_session)

    # 3. In France: an ordinary capture.
    _log_in(page, fr_owner, live_server)
    page.goto(f"{base}/capture/{fr_session.pk}/")
    page.locator(f"#answer-{q['text'].pk}").fill("Trop de normes différentes")
    page.locator(f"label[for=answer-{q['yes_no'].pk}-yes]").click()
    page.locator(f"#answer-{q['number'].pk}").fill("3")
    _wait_saved(page)
    assert Answer.objects.filter(session=fr_session).count() == 3
    _submit(page, base, fr_session)

    # 4. The coordinator validates both, tags the quote and supports a SWOT threat with it.
    _log_in(page, w.coordinator, live_server)
    for session, text in ((it_session, it_text), (fr_session, "Trop de normes différentes")):
        page.goto(f"{base}/sessions/{session.pk}/")
        assert text in page.content()
        page.locator("#validate-session").click()
        page.wait_for_load_state()
        session.refresh_from_db()
        assert session.status == Session.Status.VALIDATED

    quote = Quote.objects.get(session=it_session)
    page.goto(f"{base}/analysis/3.2/material/")
    item = page.locator(f"#item-quote-{quote.pk}")
    item.locator("select[name=theme]").select_option(str(language.pk))
    item.locator(".tag-form button[type=submit]").click()
    page.locator(f"#item-quote-{quote.pk} .theme-badge").filter(
        has_text={"fr": "Langue", "it": "Lingua"}[lang]
    ).wait_for()
    assert Coding.objects.filter(quote=quote, theme=language).exists()

    page.goto(f"{base}/analysis/3.2/swot/{it_session.region_id}/")
    form = page.locator("#swot-form")
    form.locator("select[name=quadrant]").select_option("T")
    form.locator(f"textarea[name=text_{lang}]").fill(
        {"fr": "Barrière de la langue", "it": "Barriera linguistica"}[lang]
    )
    form.locator(f'input[name=evidence_quotes][value="{quote.pk}"]').check()
    form.locator("button[type=submit]").click()
    page.locator("#quadrant-T .evidence-quote").filter(has_text="Serve un interprete.").wait_for()
    assert list(SwotItem.objects.get(territory=it_session.region).evidence_quotes.all()) == [quote]

    # 5. The synthesis (PDF) and the answers (XLSX), each a background job.
    page.goto(f"{base}/analysis/3.2/")
    page.locator("#synthesis-form select[name=language]").select_option(lang)
    page.locator("#synthesis-form button[type=submit]").click()
    name, path = _download(page, tmp_path, "synthesis.pdf")
    assert name.endswith(f"-{lang}.pdf") and path.read_bytes().startswith(b"%PDF")

    page.goto(f"{base}/analysis/3.2/")
    page.locator("#export-xlsx").click()
    name, path = _download(page, tmp_path, "answers.xlsx")
    assert name.endswith(".xlsx")
    workbook = load_workbook(path)
    answers_sheet = workbook.worksheets[0]
    rows = list(answers_sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Answer.objects.filter(session__in=[it_session, fr_session]).count() == 6  # one per answer
    refs = {row[2] for row in rows}
    assert refs == {f"3.2-LIG-{it_session.pk}", f"3.2-MNCA-{fr_session.pk}"}  # both countries
    assert it_text in {row[10] for row in rows}
    cells = [str(c) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert not [c for c in cells if any(n in c for n in NAMES)]  # pseudonyms only
    quote_rows = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [(r[5], r[6], r[8]) for r in quote_rows] == [("P01", "Serve un interprete.", "language")]
    assert not [e for e in errors if "Content Security Policy" in e]
