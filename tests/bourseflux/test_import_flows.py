"""Importing flows from CSV/XLSX: row-by-row report, nothing saved before confirmation, one
confirmation only, refused uploads, and nobody else's report."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import Workbook

from bourseflux.models import Flow
from circuito.accounts.models import Organisation
from tests.bourseflux.factories_zones import facilitator, reference_world
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FRENCH_ROWS = [
    "rôle;code NAF;nom commercial;description;quantité;unité;fréquence;commune;code déchet;nature",
    "producteur;10.32Z;Marc de pommes;Marc frais de pressage;12,5;t;par mois;Annecy;;sous-produit",
    "utilisateur;;Palettes bois;Palettes à broyer;200;pièces;par an;Chambéry (73);15 01 03;déchet",
    "producteur;;Boues;;-5;t;par mois;Annecy;02 03 04;déchet",
    "producteur;;Solvants usagés;;3;t;par an;Annecy;;déchet",
    "producteur;;Épluchures;;3;t;par an;Saint-Martin;02 03 04;déchet",
    "producteur;;Inconnu;;3;t;par an;Annecy;99 99 99;déchet",
]


@pytest.fixture
def world(db):
    return reference_world()


def french_csv() -> SimpleUploadedFile:
    return SimpleUploadedFile("flux.csv", "\r\n".join(FRENCH_ROWS).encode("cp1252"), content_type="text/csv")


def italian_xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("flussi.xlsx", out.getvalue())


ITALIAN_HEADER = [
    "ruolo", "codice ATECO", "nome commerciale", "descrizione", "quantità", "unità", "frequenza", "comune",
    "codice EER", "natura", "ragione sociale", "P.IVA",
]  # fmt: skip
ITALIAN_ROWS = [
    ITALIAN_HEADER,
    ["produttore", "10.32.00", "Vinacce di mele", "Vinacce fresche", 10, "t", "al mese", "Aosta", None,
     "sottoprodotto", "Sidreria Valdostana srl", "00743110157"],
    ["utilizzatore", None, "Pallet in legno", None, 100, "pezzi", "all'anno", "Cuneo", "15 01 03", "rifiuto",
     "Sidreria Valdostana srl", "IT00743110157"],
    ["produttore", None, "Scarti", None, 5, "t", "al mese", "Paese Inesistente", "02 03 04", "rifiuto",
     "Altra srl", "12345678901"],
    ["produttore", "10.32.00", "Reagenti", None, 4, "t", "al mese", "Aosta", "16 05 06", "sottoprodotto",
     "Sidreria Valdostana srl", "00743110157"],
]  # fmt: skip


def upload(client, file, capture, organisation=None):
    data = {"file": file}
    if organisation is not None:
        data["organisation"] = organisation.pk
    with capture(execute=True):
        response = client.post(reverse("bourseflux:import_start"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def french(msgid: str, **params) -> str:
    """The message as the (French) page shows it: translated, formatted, HTML-escaped."""
    with translation.override("fr"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def rejected_reasons(response) -> dict[int, str]:
    html = response.content.decode()
    table = html.split('id="rejected-rows"')[1].split("</table>")[0]
    rows = {}
    for chunk in table.split('<tr data-row="')[1:]:
        number = int(chunk.split('"')[0])
        rows[number] = chunk
    return rows


def test_french_csv_report_lists_each_bad_row_and_saves_nothing_until_confirmed(
    client, org_people, world, django_capture_on_commit_callbacks
):
    client.force_login(org_people.owner)
    report_url = upload(client, french_csv(), django_capture_on_commit_callbacks, org_people.organisation)
    response = client.get(report_url)
    assert response.status_code == 200
    rejected = rejected_reasons(response)
    assert sorted(rejected) == [4, 5, 6, 7]
    assert french("The quantity must be more than zero: leave it empty if you do not know it yet.") in rejected[4]
    assert (
        french("A waste needs its EWC code (European List of Waste): type its six digits or words of its label.")
        in rejected[5]
    )
    assert "Saint-Martin (05)" in rejected[6] and "Saint-Martin (73)" in rejected[6]
    assert "99 99 99" in rejected[7]
    valid = response.content.decode().split('id="valid-rows"')[1]
    assert "Marc de pommes" in valid and "Palettes bois" in valid
    assert Flow.objects.count() == 0

    confirm_url = report_url + "confirm/"
    response = client.post(confirm_url, {"publish": "0"})
    assert response.status_code == 302
    flows = Flow.objects.order_by("pk")
    assert [f.title_fr for f in flows] == ["Marc de pommes", "Palettes bois"]
    pomace, pallets = flows
    assert pomace.nace == world["nace"] and pomace.category == world["organic"]
    assert pomace.direction == "offer" and pomace.status == Flow.Status.DRAFT
    assert str(pomace.quantity) == "12.500" and pomace.frequency == "month"
    assert pallets.direction == "need" and pallets.ewc.code == "15 01 03" and pallets.category == world["wood"]
    assert pallets.site.commune == world["communes"]["chambery"]
    assert {f.organisation for f in flows} == {org_people.organisation}

    # A second confirmation (double click, back button) adds nothing.
    response = client.post(confirm_url, {"publish": "1"}, follow=True)
    assert french("These rows were already imported; nothing was added.") in response.content.decode()
    assert Flow.objects.count() == 2
    assert not Flow.objects.filter(status=Flow.Status.PUBLISHED).exists()


def test_facilitator_italian_xlsx_creates_the_company_by_partita_iva(client, world, django_capture_on_commit_callbacks):
    user = facilitator()
    client.force_login(user)
    report_url = upload(client, italian_xlsx(ITALIAN_ROWS), django_capture_on_commit_callbacks)
    response = client.get(report_url, HTTP_ACCEPT_LANGUAGE="it")
    rejected = rejected_reasons(response)
    assert sorted(rejected) == [4, 5]
    assert "Paese Inesistente" in rejected[4] and "partita IVA" in rejected[4]
    assert "16 05 06" in rejected[5]
    assert not Organisation.objects.filter(partita_iva="00743110157").exists()
    assert Flow.objects.count() == 0

    client.post(report_url + "confirm/", {"publish": "1"})
    company = Organisation.objects.get(partita_iva="00743110157")
    assert company.legal_name == "Sidreria Valdostana srl" and company.country == "IT"
    flows = Flow.objects.filter(organisation=company).order_by("pk")
    assert [f.title_it for f in flows] == ["Vinacce di mele", "Pallet in legno"]
    assert all(f.status == Flow.Status.PUBLISHED for f in flows)
    assert flows[0].nace == world["nace"]
    # The facilitator is not made a member of the company it created.
    assert not company.memberships.exists()


def test_facilitator_import_matches_a_registered_company_by_siret(client, world, django_capture_on_commit_callbacks):
    company = Organisation.objects.create(
        kind="company", legal_name="Cidrerie des Aravis", slug="cidrerie", country="FR", siret="73282932000074"
    )
    client.force_login(facilitator())
    rows = [
        "raison sociale;SIRET;rôle;code NAF;nom commercial;quantité;unité;fréquence;commune",
        "Cidrerie;732 829 320 00074;producteur;10.32Z;Marc;3;t;par mois;Annecy",
    ]
    file = SimpleUploadedFile("f.csv", "\n".join(rows).encode("utf-8"))
    report_url = upload(client, file, django_capture_on_commit_callbacks)
    client.post(report_url + "confirm/", {"publish": "0"})
    assert list(Flow.objects.values_list("organisation", flat=True)) == [company.pk]
    assert Organisation.objects.filter(kind="company").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("flux.pdf", b"%PDF-1.4", french("Upload a .csv or .xlsx file; other file types cannot be imported.")),
        (
            "flux.xls",
            b"\xd0\xcf\x11\xe0",
            french("Save the spreadsheet as .xlsx (Excel 2007 and later) or as .csv, then upload it again."),
        ),
        (
            "flux.xlsx",
            b"role;quantite\n",
            french("This file is named .xlsx but is not an Excel workbook: save it again as .xlsx."),
        ),
        (
            "flux.csv",
            b"a" * (5 * 1024 * 1024 + 1),
            french(
                "The file weighs %(size).1f MB; at most 5 MB can be imported at once: split it into smaller files.",
                size=(5 * 1024 * 1024 + 1) / (1024 * 1024),
            ),
        ),
        (
            "flux.csv",
            b"nom;prix\nx;3\n",
            french(
                "The first row must hold the column names. Required columns: role, commercial name (or title), "
                "quantity, unit, commune (in French: rôle, nom commercial, quantité, unité, commune; in Italian: "
                "ruolo, nome commerciale, quantità, unità, comune). Download the template to see them."
            ),
        ),
    ],
    ids=["pdf", "xls", "fake-xlsx", "too-big", "no-header"],
)
def test_mistyped_or_oversized_upload_is_refused_with_a_clear_message(
    client, org_people, world, name, content, message
):
    client.force_login(org_people.owner)
    response = client.post(
        reverse("bourseflux:import_start"),
        {"file": SimpleUploadedFile(name, content), "organisation": org_people.organisation.pk},
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_too_many_rows_are_refused(client, org_people, world):
    client.force_login(org_people.owner)
    lines = [FRENCH_ROWS[0]] + [FRENCH_ROWS[1]] * 5001
    response = client.post(
        reverse("bourseflux:import_start"),
        {"file": SimpleUploadedFile("f.csv", "\n".join(lines).encode()), "organisation": org_people.organisation.pk},
    )
    expected = french(
        "The file has more than %(max)d rows; at most %(max)d can be imported at once: split it into smaller files.",
        max=5000,
    )
    assert "5000" in expected
    assert expected in response.content.decode()


def test_outsider_cannot_see_or_confirm_another_users_import(
    client, org_people, world, django_capture_on_commit_callbacks
):
    client.force_login(org_people.owner)
    report_url = upload(client, french_csv(), django_capture_on_commit_callbacks, org_people.organisation)
    for intruder in (org_people.outsider, org_people.colleague):
        client.force_login(intruder)
        assert client.get(report_url).status_code == 404
        assert client.get(report_url + "status/").status_code == 404
        assert client.post(report_url + "confirm/", {"publish": "1"}).status_code == 404
    assert Flow.objects.count() == 0
    client.logout()
    response = client.get(report_url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_member_cannot_import_for_a_company_they_do_not_belong_to(client, org_people, world):
    other = Organisation.objects.create(kind="company", legal_name="Autre", slug="autre", country="FR")
    client.force_login(org_people.owner)
    response = client.post(reverse("bourseflux:import_start"), {"file": french_csv(), "organisation": other.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "choix valide" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("bourseflux:import_start"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(("fmt", "lang", "header"), [("csv", "fr", "rôle"), ("xlsx", "it", "ruolo")])
def test_templates_download_with_headers_and_examples(client, fmt, lang, header):
    response = client.get(reverse("bourseflux:import_template", args=[fmt, lang]))
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert text.startswith(header) and len(text.strip().splitlines()) == 3


def test_an_import_for_a_company_sends_each_member_one_e_mail_listing_all_its_flows(
    client, world, django_capture_on_commit_callbacks
):
    company = Organisation.objects.create(
        kind="company", legal_name="Cidrerie des Aravis", slug="cidrerie", country="FR", siret="73282932000074"
    )
    italian = MembershipFactory(organisation=company, user=UserFactory(preferred_language="it")).user
    french_member = MembershipFactory(organisation=company, user=UserFactory(preferred_language="fr")).user
    MembershipFactory(organisation=company, receive_flow_mail=False)  # opted out: told nothing
    user = facilitator()
    client.force_login(user)
    rows = [
        "raison sociale;SIRET;rôle;code NAF;nom commercial;quantité;unité;fréquence;commune",
        "Cidrerie;73282932000074;producteur;10.32Z;Marc de pommes;3;t;par mois;Annecy",
        "Cidrerie;73282932000074;producteur;10.32Z;Lies de cidre;1;t;par mois;Annecy",
        "Cidrerie;73282932000074;producteur;10.32Z;Pépins;2;t;par an;Annecy",
    ]
    report_url = upload(
        client, SimpleUploadedFile("f.csv", "\n".join(rows).encode("utf-8")), django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url + "confirm/", {"publish": "1"})
    flows = list(Flow.objects.filter(organisation=company).order_by("pk"))
    assert len(flows) == 3
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message)
    assert sorted(by_address) == sorted([italian.email, french_member.email, user.email])
    assert all(len(messages) == 1 for messages in by_address.values())  # one e-mail each, not one per flow
    for member, prefix in ((italian, "/it/"), (french_member, "/fr/")):
        body = by_address[member.email][0].body
        for flow in flows:
            assert flow.title in body
            assert f"{prefix}flux/flows/{flow.pk}/company-confirm/" in body
        assert "Cidrerie des Aravis" in by_address[member.email][0].subject
    copy = by_address[user.email][0].body
    assert "company-confirm" not in copy and all(flow.title in copy for flow in flows)
