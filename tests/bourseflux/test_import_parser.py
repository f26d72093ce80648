"""The flow import parser, piece by piece and word for word: every word of the role, nature,
unit, frequency and state vocabularies and every accepted column header (French and Italian),
the file checks with each message a user reads, the CSV and workbook readers, quantities, waste
codes, communes, and each row's data or reasons. Property tests: numbers written the French,
Italian or English way read back to the same value; any text is read without a crash."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bourseflux import imports
from bourseflux.models import EwcCode
from tests.bourseflux.factories import MaterialCategoryFactory
from tests.factories import CommuneFactory, TerritoryFactory


@pytest.fixture(autouse=True)
def english():
    """Messages are checked against their English msgids."""
    with translation.override("en"):
        yield


# The words users write, as the import accepts them (accents, case and hyphens do not matter).
ROLES = {
    "offer": ["producteur", "produttore", "offre", "offerta", "cede", "fournisseur", "offer", "producer", "p"],
    "need": ["utilisateur", "utilizzatore", "besoin", "domanda", "richiesta", "user", "need", "u"],
}
NATURES = {
    "by_product": ["sous produit", "sottoprodotto", "sous produits", "sottoprodotti", "by product"],
    "waste": ["dechet", "dechets", "rifiuto", "rifiuti", "waste"],
    "material": ["matiere", "matiere premiere secondaire", "mps", "materia prima seconda", "materiale", "surplus"],
    "energy": ["energie", "energia", "chaleur", "calore", "vapeur", "vapore", "energy"],
    "water": ["eau", "acqua", "water"],
    "capacity": ["capacite", "capacita", "equipement", "attrezzatura", "logistique", "logistica", "capacity"],
}
UNITS = {
    "t": ["t", "tonne", "tonnes", "tonnellata", "tonnellate", "ton"],
    "kg": ["kg", "kilo", "kilos", "kilogramme", "kilogrammes", "chilogrammi", "chili"],
    "m3": ["m3", "m³", "metre cube", "metres cubes", "metri cubi", "mc"],
    "l": ["l", "litre", "litres", "litro", "litri"],
    "MWh": ["mwh"],
    "kWh": ["kwh"],
    "piece": ["piece", "pieces", "pezzo", "pezzi", "pz", "unite"],
    "pallet": ["palette", "palettes", "pallet", "bancale", "bancali"],
    "h": ["h", "heure", "heures", "ora", "ore"],
    "m2": ["m2", "m²", "metre carre", "metres carres", "metri quadri", "mq"],
}
FREQUENCIES = {
    "once": ["une fois", "ponctuel", "ponctuelle", "una tantum", "una volta", "occasionale", "once"],
    "day": ["jour", "par jour", "quotidien", "quotidienne", "giorno", "al giorno", "giornaliero", "giornaliera"],
    "week": ["semaine", "par semaine", "hebdomadaire", "settimana", "a settimana", "settimanale"],
    "month": ["mois", "par mois", "mensuel", "mensuelle", "mese", "al mese", "mensile"],
    "quarter": ["trimestre", "par trimestre", "trimestriel", "trimestrielle", "trimestrale"],
    "year": ["an", "par an", "annee", "annuel", "annuelle", "anno", "all anno", "annuo", "annua", "annuale"],
}
STATES = {
    "solid": ["solide", "solido"],
    "granular": ["poudre", "granules", "granulaire", "polvere", "granuli", "granulare"],
    "paste": ["pateux", "pate", "boue", "boues", "pastoso", "fango", "fanghi"],
    "liquid": ["liquide", "liquido"],
    "gas": ["gaz", "gazeux", "gas", "gassoso"],
    "none": ["aucun", "sans objet", "nessuno", "non materiale"],
}
HEADERS = {  # column: (French headers, Italian headers)
    "role": (
        ["role", "sens", "direction", "type de flux", "producteur utilisateur", "produttore utilizzatore"],
        ["ruolo"],
    ),
    "nace": (["code naf", "naf", "code ape", "ape", "code nace", "nace", "codice attivita"], ["codice ateco", "ateco"]),
    "commercial_name": (["nom commercial", "denomination commerciale", "sottoprodotto"], ["nome commerciale"]),
    "title": (["titre", "intitule", "libelle"], ["titolo"]),
    "description": (["description", "caracteristiques", "caratteristiche"], ["descrizione"]),
    "quantity": (["quantite", "qte", "qta", "volume"], ["quantita"]),
    "unit": (["unite", "unita di misura", "unite de mesure"], ["unita"]),
    "frequency": (["frequence", "periodicite", "periodicita"], ["frequenza"]),
    "commune": (["commune", "ville", "localite", "localita", "sede"], ["comune"]),
    "department": (["departement", "dep", "prov", "code departement", "sigla provincia"], ["provincia"]),
    "ewc": (["code dechet", "codice cer", "code ced", "ced", "ewc", "code ewc"], ["codice eer", "eer", "cer"]),
    "nature": (["nature", "type", "tipo"], ["natura", "tipologia"]),
    "category": (["categorie", "famille", "famiglia"], ["categoria"]),
    "physical_state": (["etat", "etat physique", "stato"], ["stato fisico"]),
    "legal_name": (["raison sociale", "entreprise", "azienda", "societe", "societa"], ["ragione sociale"]),
    "siret": (["siret", "n siret", "numero siret"], []),
    "partita_iva": (["piva", "p iva cf", "partita iva cf"], ["p iva", "partita iva"]),
}


@pytest.mark.parametrize(
    ("vocabulary", "words"),
    [
        (imports._ROLE, ROLES),
        (imports._NATURE, NATURES),
        (imports._UNIT, UNITS),
        (imports._FREQUENCY, FREQUENCIES),
        (imports._STATE, STATES),
    ],
    ids=["role", "nature", "unit", "frequency", "state"],
)
def test_every_word_of_each_vocabulary_is_understood(vocabulary, words):
    for key, spellings in words.items():
        for word in [key, *spellings]:
            assert imports.lookup(vocabulary, word) == key, word
            assert imports.lookup(vocabulary, word.upper()) == key, word
    assert vocabulary.keys() == {imports.normalise(w) for key, ws in words.items() for w in [key, *ws]}
    assert imports.lookup(vocabulary, "zzz") is None


def test_lookup_forgives_par_and_al_and_accents():
    assert imports.lookup(imports._FREQUENCY, "Par Année") == "year"
    assert imports.lookup(imports._FREQUENCY, "al mese") == "month"
    assert imports.lookup(imports._FREQUENCY, "par semestre") is None
    assert imports.lookup(imports._NATURE, "Sous-produit") == "by_product"
    assert imports.lookup(imports._UNIT, "m³") == "m3"


def test_every_header_maps_to_its_column_with_its_language():
    for key, (french, italian) in HEADERS.items():
        for header in [*french, *italian]:
            row = ["Rôle", "Nom commercial", "Quantité", "Unité", "Commune"]
            required = {"role": 0, "commercial_name": 1, "quantity": 2, "unit": 3, "commune": 4}
            if key in required:
                row[required[key]] = header.upper()
                expected = required
            else:
                row.append(header.title())
                expected = {**required, key: 5}
            mapping, ignored, detected = imports.map_headers(row)
            assert (mapping, ignored) == (expected, []), header
            if key in required:  # alone against four French headers, an Italian one does not win
                assert detected == "fr", header
    italian = ["Ruolo", "Nome commerciale", "Quantità", "Unità", "Comune"]
    assert imports.map_headers(italian)[2] == "it"
    assert imports.map_headers(["Ruolo", "Nome commerciale", "Quantità", "Unité", "Commune", "Stato fisico"])[2] == "it"
    assert imports.map_headers(["Ruolo", "Nome commerciale", "Quantità", "Unité", "Commune", "Etat"])[2] == "fr"


def test_unknown_repeated_and_blank_headers_are_ignored_by_name():
    header = ["Rôle", "Titre", "Quantité", "Unité", "Commune", "Remarque", " ", "Quantité", "Titolo ", ""]
    mapping, ignored, language = imports.map_headers(header)
    assert mapping == {"role": 0, "title": 1, "quantity": 2, "unit": 3, "commune": 4}
    assert ignored == ["Remarque", "Quantité", "Titolo"]
    assert language == "fr"


HEADER_MESSAGE = (
    "The first row must hold the column names. Required columns: role, commercial name (or title), "
    "quantity, unit, commune (in French: rôle, nom commercial, quantité, unité, commune; in Italian: "
    "ruolo, nome commerciale, quantità, unità, comune). Download the template to see them."
)


@pytest.mark.parametrize("missing", ["Rôle", "Quantité", "Unité", "Commune", "Nom commercial"])
def test_a_missing_required_column_refuses_the_file(missing):
    header = [h for h in ["Rôle", "Nom commercial", "Quantité", "Unité", "Commune"] if h != missing]
    with pytest.raises(imports.FileRefused) as refused:
        imports.map_headers(header)
    assert refused.value.messages == [HEADER_MESSAGE]


PDF = b"%PDF-1.4 a document"
ZIP = b"PK\x03\x04 an archive"


@pytest.mark.parametrize(
    ("name", "size", "head", "result"),
    [
        ("flux.csv", 10, b"role;quantite", "csv"),
        ("FLUX.CSV", 10, b"role;quantite", "csv"),
        ("flux.txt", 10, b"role;quantite", "csv"),
        ("flux.xlsx", 10, ZIP, "xlsx"),
        ("flux.Xlsx", imports.MAX_BYTES, ZIP, "xlsx"),
        (
            "flux.csv",
            imports.MAX_BYTES + 1,
            b"role",
            "The file weighs 5.0 MB; at most 5 MB can be imported at once: split it into smaller files.",
        ),
        (
            "flux.csv",
            12 * 1024 * 1024 + 300 * 1024,
            b"role",
            "The file weighs 12.3 MB; at most 5 MB can be imported at once: split it into smaller files.",
        ),
        ("flux.csv", 0, b"", "The file is empty."),
        ("flux.xlsx", 10, PDF, "This file is named .xlsx but is not an Excel workbook: save it again as .xlsx."),
        (
            "flux.csv",
            10,
            PDF,
            "This file is named .csv but is a PDF document, not a text file: export your spreadsheet again as CSV.",
        ),
        (
            "flux.csv",
            10,
            b"role\x00\x01",
            "This file is named .csv but is a file of unknown type, not a text file: export your spreadsheet again "
            "as CSV.",
        ),
        (
            "flux.xls",
            10,
            b"\xd0\xcf\x11\xe0",
            "Save the spreadsheet as .xlsx (Excel 2007 and later) or as .csv, then upload it again.",
        ),
        ("flux.ods", 10, ZIP, "Save the spreadsheet as .xlsx (Excel 2007 and later) or as .csv, then upload it again."),
        ("flux.pdf", 10, PDF, "Upload a .csv or .xlsx file; other file types cannot be imported."),
        ("csv", 10, b"role", "Upload a .csv or .xlsx file; other file types cannot be imported."),
    ],
)
def test_check_upload_names_the_type_or_says_what_to_do(name, size, head, result):
    if "." in result:
        with pytest.raises(imports.FileRefused) as refused:
            imports.check_upload(name, size, head)
        assert refused.value.messages == [result]
    else:
        assert imports.check_upload(name, size, head) == result


def test_decode_text_tries_utf8_then_windows_then_latin1():
    assert imports.decode_text("\ufeffQuantité;Unità".encode()) == "Quantité;Unità"
    assert imports.decode_text("Quantité € œ".encode("cp1252")) == "Quantité € œ"
    assert imports.decode_text(b"caf\xe9 \x81") == "café \x81"  # 0x81 is no Windows-1252 character


def csv_bytes(rows: list[list[str]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_read_table_keeps_spreadsheet_row_numbers_and_skips_blank_rows(delimiter):
    rows = [["Rôle", "Quantité"], ["", ""], ["producteur", "1,5"], ["utilisateur\x0b", " 2 "]]
    assert imports.read_table(csv_bytes(rows, delimiter), "csv") == [
        (1, ["Rôle", "Quantité"]),
        (3, ["producteur", "1,5"]),
        (4, ["utilisateur", "2"]),
    ]


def test_a_csv_the_sniffer_cannot_read_takes_the_commonest_separator_of_its_first_line():
    content = b"a;b;c\n1;2;3\n"
    assert imports.read_table(content, "csv") == [(1, ["a", "b", "c"]), (2, ["1", "2", "3"])]
    single = b"role\nproducteur\n"
    assert imports.read_table(single, "csv") == [(1, ["role"]), (2, ["producteur"])]


def test_a_workbook_is_read_with_whole_numbers_as_integers():
    content = xlsx_bytes([["Rôle", "Quantité", "Note"], [None, None, None], ["producteur", 12.0, 2.5], ["p", 3, "x y"]])
    assert imports.read_table(content, "xlsx") == [
        (1, ["Rôle", "Quantité", "Note"]),
        (3, ["producteur", "12", "2.5"]),
        (4, ["p", "3", "x y"]),
    ]
    assert imports.read_header(content, "xlsx") == ["Rôle", "Quantité", "Note"]


NO_ROWS = "The file holds no rows under its header."
UNREADABLE = "The workbook could not be read: open it in your spreadsheet and save it again."


@pytest.mark.parametrize(
    ("content", "kind", "message"),
    [
        (b"Role;Quantite\n;\n", "csv", NO_ROWS),
        (b"\n\n", "csv", NO_ROWS),
        (b"PK\x03\x04 not really", "xlsx", UNREADABLE),
        (
            b"Role;Quantite\nproducteur;\x00\x00",
            "csv",
            "This file is named .csv but is a file of unknown type, not a text file: export your spreadsheet again "
            "as CSV.",
        ),
    ],
)
def test_unreadable_or_empty_files_are_refused_with_a_reason(content, kind, message):
    with pytest.raises(imports.FileRefused) as refused:
        imports.read_table(content, kind)
    assert refused.value.messages == [message]


def test_read_header_of_a_file_without_rows_is_refused():
    with pytest.raises(imports.FileRefused) as refused:
        imports.read_header(b"\n;;\n", "csv")
    assert refused.value.messages == [NO_ROWS]
    assert imports.read_header(b"\n;;\nRole;Quantite\n", "csv") == ["Role", "Quantite"]


def test_a_csv_cell_past_the_readers_limit_is_refused_with_the_reason():
    content = b"Role;Quantite\np;" + b"1" * 200_000 + b"\n"
    # The limit is process-wide and some libraries raise it: pin Python's default for this test.
    previous = csv.field_size_limit(131_072)
    try:
        with pytest.raises(imports.FileRefused) as refused:
            imports.read_table(content, "csv")
    finally:
        csv.field_size_limit(previous)
    assert refused.value.messages == [
        "The CSV file could not be read (field larger than field limit (131072)): export it again from your "
        "spreadsheet."
    ]


def test_row_limit_counts_rows_under_the_header(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    header = [["Rôle"]]
    assert len(imports.read_table(csv_bytes(header + [["p"]] * 3), "csv")) == 4
    with pytest.raises(imports.FileRefused) as refused:
        imports.read_table(csv_bytes(header + [["p"]] * 4), "csv")
    assert refused.value.messages == [
        "The file has more than 3 rows; at most 3 can be imported at once: split it into smaller files."
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", Decimal("12")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("1 200,5", Decimal("1200.5")),
        ("1\u00a0200,5", Decimal("1200.5")),
        ("1.200,5", Decimal("1200.5")),
        ("1,200.5", Decimal("1200.5")),
        ("1'200.5", Decimal("1200.5")),
        ("-3", Decimal("-3")),
        ("0,001", Decimal("0.001")),
    ],
)
def test_parse_quantity_reads_french_italian_and_english_numbers(text, value):
    assert imports.parse_quantity(text) == value


@pytest.mark.parametrize("text", ["douze", "", "1,2,3.4.5", "NaN", "Infinity", "-inf", "12 t"])
def test_parse_quantity_refuses_what_is_no_finite_number(text):
    with pytest.raises(ValueError, match=f"^{re.escape(text)}$"):
        imports.parse_quantity(text)


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False), st.sampled_from(["fr", "it", "en"]))
def test_numbers_written_any_way_read_back_the_same(number, style):
    whole, _, part = f"{number:,.3f}".partition(".")
    if style == "en":
        text = f"{whole}.{part}"
    elif style == "it":
        text = f"{whole.replace(',', '.')},{part}"
    else:
        text = f"{whole.replace(',', ' ')},{part}"
    assert imports.parse_quantity(text) == number


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_value_error(text):
    try:
        number = imports.parse_quantity(text)
    except ValueError:
        return
    assert number.is_finite()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("020304", "02 03 04"),
        ("02.03.04", "02 03 04"),
        ("02 03 04*", "02 03 04"),
        ("0203", ""),
        ("0203045", ""),
        ("", ""),
    ],
)
def test_ewc_key(text, key):
    assert imports.ewc_key(text) == key


@pytest.fixture
def places(db):
    alpes = TerritoryFactory(country="FR", code="06", name="Alpes-Maritimes")
    var = TerritoryFactory(country="FR", code="83", name="Var")
    imperia = TerritoryFactory(country="IT", code="IM", name="Imperia")
    return {
        "nice": CommuneFactory(name="Nice", alt_name="Nizza", department=alpes),
        "villeneuve06": CommuneFactory(name="Villeneuve", department=alpes),
        "villeneuve83": CommuneFactory(name="Villeneuve", department=var),
        "ventimiglia": CommuneFactory(country="IT", code="008065", name="Ventimiglia", department=imperia),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "department", "expected"),
    [
        ("Nice", "", "nice"),
        ("NIZZA", "", "nice"),
        ("Nice (06)", "", "nice"),
        ("Nice", "06", "nice"),
        ("Villeneuve (6)", "", "villeneuve06"),
        ("Villeneuve", " 83 ", "villeneuve83"),
        ("Ventimiglia (im)", "", "ventimiglia"),
        ("", "", "Give the commune (comune) of the flow."),
        ("Nice", "83", "No commune called “Nice” in the department or province 83: check both."),
        ("Nic", "", "No commune called “Nic” was found: check the spelling (as in the official list)."),
        (
            "Villeneuve",
            "",
            "Several communes are called “Villeneuve”: Villeneuve (06), Villeneuve (83). Write the one you mean "
            "with its department or province code, e.g. “Villeneuve (06)”.",
        ),
    ],
)
def test_resolve_commune(places, text, department, expected):
    refs = imports.ReferenceCache()
    commune, reason = imports.resolve_commune(text, department, refs)
    if expected in places:
        assert (commune, reason) == (places[expected], "")
    else:
        assert (commune, reason) == (None, expected)


@pytest.mark.django_db
def test_communes_are_looked_up_once_per_import(places, django_assert_num_queries):
    refs = imports.ReferenceCache()
    with django_assert_num_queries(1):
        for _ in range(3):
            assert imports.resolve_commune("Nice", "", refs)[0] == places["nice"]


COLUMNS_ORDER = ["role", "commercial_name", "title", "description", "quantity", "unit", "frequency", "commune"]
MORE = ["department", "ewc", "nace", "category", "nature", "physical_state", "legal_name", "siret", "partita_iva"]


def row(**values) -> tuple[list[str], dict[str, int]]:
    keys = COLUMNS_ORDER + MORE
    return [values.get(key, "") for key in keys], {key: index for index, key in enumerate(keys)}


@pytest.fixture
def refs(places):
    EwcCode.objects.create(code="02 03 04", level=EwcCode.Level.ENTRY, label_fr="Matières impropres")
    MaterialCategoryFactory(code="wood", name_fr="Bois", name_it="Legno")
    return imports.ReferenceCache()


@pytest.mark.django_db
def test_a_full_row_becomes_flow_data(refs, places):
    values, mapping = row(
        role="Produttore",
        commercial_name="Segatura",
        title="Segatura di abete",
        description="Secca",
        quantity="1.200,5",
        unit="tonnellate",
        frequency="all'anno",
        commune="Ventimiglia",
        ewc="02.03.04",
        category="Legno",
        physical_state="granuli",
        legal_name="Segheria Srl",
        partita_iva="01234567890",
    )
    data, errors = imports.parse_row(values, mapping, "it", refs)
    assert errors == []
    assert data == {
        "direction": "offer",
        "nature": "waste",
        "ewc": "02 03 04",
        "category": "wood",
        "physical_state": "granular",
        "quantity": "1200.5",
        "unit": "t",
        "frequency": "year",
        "commercial_name": "Segatura",
        "title_it": "Segatura di abete",
        "description_it": "Secca",
        "commune": places["ventimiglia"].pk,
        "company": {"legal_name": "Segheria Srl", "siret": "", "partita_iva": "01234567890"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nature", "state"), [("", "solid"), ("énergie", "none"), ("capacité", "none"), ("eau", "liquid"), ("mps", "solid")]
)
def test_defaults_without_a_waste_code_state_or_frequency(refs, nature, state):
    values, mapping = row(
        role="besoin", commercial_name="Sciure", quantity="", unit="kg", commune="Nice", nature=nature
    )
    data, errors = imports.parse_row(values, mapping, "fr", refs)
    assert errors == []
    assert (data["nature"], data["physical_state"], data["frequency"]) == (
        imports.lookup(imports._NATURE, nature) or "by_product",
        state,
        "",
    )
    assert (data["direction"], data["title_fr"], data["description_fr"]) == ("need", "Sciure", "")
    assert "quantity" not in data and "ewc" not in data and "nace" not in data and "category" not in data


@pytest.mark.django_db
def test_a_quantity_without_frequency_is_yearly(refs):
    values, mapping = row(role="p", commercial_name="Sciure", quantity="3", unit="t", commune="Nice")
    assert imports.parse_row(values, mapping, "fr", refs)[0]["frequency"] == "year"


@pytest.mark.django_db
def test_every_reason_a_row_is_refused(refs):
    values, mapping = row(
        role="vendeur",
        commercial_name="Sciure",
        quantity="beaucoup",
        unit="sacs",
        frequency="parfois",
        commune="Nic",
        ewc="99 99 99",
        nace="99.99X",
        category="Métal",
        nature="truc",
        physical_state="mou",
    )
    data, errors = imports.parse_row(values, mapping, "fr", refs)
    assert errors == [
        "Role “vendeur” is unknown: write producteur/produttore (offer) or utilisateur/utilizzatore (need).",
        "Nature “truc” is unknown: write sous-produit/sottoprodotto, déchet/rifiuto, matière, énergie or eau.",
        "The waste code “99 99 99” is not in the European List of Waste (six digits, e.g. 02 03 04).",
        "The activity code “99.99X” is unknown: write a NAF (10.32Z), ATECO (10.32.00) or NACE code.",
        "The category “Métal” does not exist: see the list of categories.",
        "Physical state “mou” is unknown: write solide, poudre, pâteux, liquide or gaz.",
        "The quantity “beaucoup” is not a number: write it like 12,5 or 12.5.",
        "Unit “sacs” is unknown: write t, kg, m3, l, MWh, kWh, pièces, palettes.",
        "Frequency “parfois” is unknown: write par jour, par semaine, par mois, par an or une fois.",
        "No commune called “Nic” was found: check the spelling (as in the official list).",
    ]
    assert {key: data[key] for key in ("direction", "nature", "ewc", "nace", "category", "physical_state")} == {
        "direction": "",
        "nature": "",
        "ewc": "",
        "nace": "",
        "category": "",
        "physical_state": "",
    }
    assert (data["unit"], data["frequency"], data["commune"]) == ("", "", None)
    assert "quantity" not in data


@pytest.mark.django_db
def test_a_row_without_role_and_short_of_cells(refs):
    values, mapping = row(commercial_name="Sciure", unit="kg", commune="Nice", ewc="020304", legal_name="Scierie")
    data, errors = imports.parse_row(values[:9], mapping, "fr", refs)  # the cells stop before the waste code
    assert errors == ["Give the role: producteur/produttore (offer) or utilisateur/utilizzatore (need)."]
    assert data["direction"] == "" and data["nature"] == "by_product" and "ewc" not in data
    assert data["company"] == {"legal_name": "", "siret": "", "partita_iva": ""}


@pytest.mark.django_db
def test_reference_cache_reads_each_code_once(refs, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(3):
            assert refs.ewc_code("02 03 04").code == "02 03 04"
    assert refs.categories["wood"] == refs.categories["bois"] == refs.categories["legno"]


@pytest.mark.django_db
def test_messages_name_the_field_in_the_users_words():
    assert imports.field_label("quantity") == "Quantity"
    assert imports.field_label("title_it") == "Title"
    assert imports.field_label("no_such_field") == "No such field"
    error = ValidationError({"quantity": ["Must be positive."], "title_fr": ["Required."]})
    assert imports.messages_of(error) == ["Quantity: Must be positive.", "Title: Required."]
    assert imports.messages_of(ValidationError(["One.", "Two."])) == ["One.", "Two."]


@pytest.mark.django_db
def test_the_department_column_tells_communes_of_the_same_name_apart(refs, places):
    values, mapping = row(role="p", commercial_name="Sciure", unit="t", commune="Villeneuve", department="83")
    data, errors = imports.parse_row(values, mapping, "fr", refs)
    assert (data["commune"], errors) == (places["villeneuve83"].pk, [])
