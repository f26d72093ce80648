"""Reading flow imports (CSV or XLSX) with the column names an ACTIF or Elenco Sottoprodotti
user knows, in French or Italian, and turning each row into flow data or a list of reasons.

Nothing here writes to the database: `parse_rows` only reads reference data and returns a
preview (plain JSON) that the user confirms later (see `bourseflux.jobs_import`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bourseflux.models import EwcCode, Flow, MaterialCategory
from bourseflux.uploads import kind_name
from circuito.files import sniff
from circuito.geo.search import normalise
from circuito.input_hygiene import FORBIDDEN

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
HEAD_BYTES = 512  # what `check_upload` is given to recognise the file type

# Canonical column -> accepted headers (compared after `normalise`), French and Italian.
COLUMNS: dict[str, tuple[str, ...]] = {
    "role": ("role", "ruolo", "sens", "direction", "type de flux", "producteur utilisateur", "produttore utilizzatore"),
    "nace": ("code naf", "naf", "code ape", "ape", "code nace", "nace", "codice ateco", "ateco", "codice attivita"),
    "commercial_name": ("nom commercial", "nome commerciale", "denomination commerciale", "sottoprodotto"),
    "title": ("titre", "titolo", "intitule", "libelle"),
    "description": ("description", "descrizione", "caracteristiques", "caratteristiche"),
    "quantity": ("quantite", "quantita", "qte", "qta", "volume"),
    "unit": ("unite", "unita", "unita di misura", "unite de mesure"),
    "frequency": ("frequence", "frequenza", "periodicite", "periodicita"),
    "commune": ("commune", "comune", "ville", "localite", "localita", "sede"),
    "department": ("departement", "provincia", "dep", "prov", "code departement", "sigla provincia"),
    "ewc": ("code dechet", "codice eer", "eer", "cer", "codice cer", "code ced", "ced", "ewc", "code ewc"),
    "nature": ("nature", "natura", "type", "tipo", "tipologia"),
    "category": ("categorie", "categoria", "famille", "famiglia"),
    "physical_state": ("etat", "etat physique", "stato", "stato fisico"),
    "legal_name": ("raison sociale", "ragione sociale", "entreprise", "azienda", "societe", "societa"),
    "siret": ("siret", "n siret", "numero siret"),
    "partita_iva": ("p iva", "piva", "partita iva", "p iva cf", "partita iva cf"),
}
ITALIAN_HEADERS = {
    "ruolo", "codice ateco", "ateco", "nome commerciale", "descrizione", "quantita", "unita", "frequenza",
    "comune", "provincia", "codice eer", "eer", "cer", "natura", "categoria", "ragione sociale", "partita iva",
    "p iva", "titolo", "stato fisico", "tipologia",
}  # fmt: skip
_HEADER_INDEX = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}

ROLES = {
    "offer": ("producteur", "produttore", "offre", "offerta", "cede", "fournisseur", "offer", "producer", "p"),
    "need": ("utilisateur", "utilizzatore", "besoin", "domanda", "richiesta", "user", "need", "u"),
}
NATURES = {
    "by_product": ("sous produit", "sottoprodotto", "sous produits", "sottoprodotti", "by product"),
    "waste": ("dechet", "dechets", "rifiuto", "rifiuti", "waste"),
    "material": ("matiere", "matiere premiere secondaire", "mps", "materia prima seconda", "materiale", "surplus"),
    "energy": ("energie", "energia", "chaleur", "calore", "vapeur", "vapore", "energy"),
    "water": ("eau", "acqua", "water"),
    "capacity": ("capacite", "capacita", "equipement", "attrezzatura", "logistique", "logistica", "capacity"),
}
UNITS = {
    "t": ("t", "tonne", "tonnes", "tonnellata", "tonnellate", "ton"),
    "kg": ("kg", "kilo", "kilos", "kilogramme", "kilogrammes", "chilogrammi", "chili"),
    "m3": ("m3", "m³", "metre cube", "metres cubes", "metri cubi", "mc"),
    "l": ("l", "litre", "litres", "litro", "litri"),
    "MWh": ("mwh",),
    "kWh": ("kwh",),
    "piece": ("piece", "pieces", "pezzo", "pezzi", "pz", "unite"),
    "pallet": ("palette", "palettes", "pallet", "bancale", "bancali"),
    "h": ("h", "heure", "heures", "ora", "ore"),
    "m2": ("m2", "m²", "metre carre", "metres carres", "metri quadri", "mq"),
}
FREQUENCIES = {
    "once": ("une fois", "ponctuel", "ponctuelle", "una tantum", "una volta", "occasionale", "once"),
    "day": ("jour", "par jour", "quotidien", "quotidienne", "giorno", "al giorno", "giornaliero", "giornaliera"),
    "week": ("semaine", "par semaine", "hebdomadaire", "settimana", "a settimana", "settimanale"),
    "month": ("mois", "par mois", "mensuel", "mensuelle", "mese", "al mese", "mensile"),
    "quarter": ("trimestre", "par trimestre", "trimestriel", "trimestrielle", "trimestrale"),
    "year": ("an", "par an", "annee", "annuel", "annuelle", "anno", "all anno", "annuo", "annua", "annuale"),
}
STATES = {
    "solid": ("solide", "solido"),
    "granular": ("poudre", "granules", "granulaire", "polvere", "granuli", "granulare"),
    "paste": ("pateux", "pate", "boue", "boues", "pastoso", "fango", "fanghi"),
    "liquid": ("liquide", "liquido"),
    "gas": ("gaz", "gazeux", "gas", "gassoso"),
    "none": ("aucun", "sans objet", "nessuno", "non materiale"),
}


def _index(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise(word): key for key, words in vocabulary.items() for word in (key, *words)}


_ROLE, _NATURE, _UNIT = _index(ROLES), _index(NATURES), _index(UNITS)
_FREQUENCY, _STATE = _index(FREQUENCIES), _index(STATES)


class FileRefused(ValidationError):
    """The whole file is refused (type, size, encoding, too many rows, no usable header)."""


def check_upload(name: str, size: int, head: bytes) -> str:
    """'csv' or 'xlsx' for an acceptable upload, else FileRefused saying what to do. The type is
    read from the first bytes (`HEAD_BYTES` of them), never trusted from the name."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size > MAX_BYTES:
        raise FileRefused(
            _("The file weighs %(size).1f MB; at most 5 MB can be imported at once: split it into smaller files.")
            % {"size": size / (1024 * 1024)}
        )
    if size == 0:
        raise FileRefused(_("The file is empty."))
    kind = sniff(head)
    if extension == "xlsx":
        if kind != "zip":
            raise FileRefused(_("This file is named .xlsx but is not an Excel workbook: save it again as .xlsx."))
        return "xlsx"
    if extension in ("csv", "txt"):
        if kind or b"\x00" in head:
            raise FileRefused(
                _("This file is named .csv but is %(kind)s, not a text file: export your spreadsheet again as CSV.")
                % {"kind": kind_name(kind)}
            )
        return "csv"
    if extension in ("xls", "ods"):
        raise FileRefused(_("Save the spreadsheet as .xlsx (Excel 2007 and later) or as .csv, then upload it again."))
    raise FileRefused(_("Upload a .csv or .xlsx file; other file types cannot be imported."))


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as French and Italian Excel save CSV."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def read_table(content: bytes, kind: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows of the file (header first) as (row number, cells); FileRefused when
    unreadable, empty or too long. Reading stops one row past the limit, so a huge workbook
    costs no more than a full one."""
    rows: list[tuple[int, list[str]]] = []
    # Keep the spreadsheet's row numbers (header = row 1) so reports point at the right line.
    for number, row in enumerate(_rows(content, kind), start=1):
        if any(cell for cell in row):
            rows.append((number, row))
            if len(rows) > MAX_ROWS + 1:
                raise FileRefused(
                    _(
                        "The file has more than %(max)d rows; at most %(max)d can be imported at once: "
                        "split it into smaller files."
                    )
                    % {"max": MAX_ROWS}
                )
    if len(rows) < 2:
        raise FileRefused(_("The file holds no rows under its header."))
    return rows


def read_header(content: bytes, kind: str) -> list[str]:
    """The first non-empty row, read without going through the rest of the file (the upload
    form checks it; the job reads the rows)."""
    for row in _rows(content, kind):
        if any(cell for cell in row):
            return row
    raise FileRefused(_("The file holds no rows under its header."))


def _rows(content: bytes, kind: str) -> Iterator[list[str]]:
    if kind == "xlsx":
        yield from _xlsx_rows(content)
        return
    if b"\x00" in content:  # a binary file renamed .csv, past the bytes `check_upload` saw
        raise FileRefused(
            _("This file is named .csv but is %(kind)s, not a text file: export your spreadsheet again as CSV.")
            % {"kind": kind_name(sniff(content[:HEAD_BYTES]))}
        )
    text = decode_text(content)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delimiter = max(";,\t", key=first.count)
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            yield [clean_cell(cell) for cell in row]
    except csv.Error as exc:
        raise FileRefused(
            _("The CSV file could not be read (%(reason)s): export it again from your spreadsheet.") % {"reason": exc}
        ) from exc


def clean_cell(value: str) -> str:
    """Control characters (Excel's vertical tab in a cell, stray bytes) become spaces: the
    database refuses some of them and none means anything in a flow."""
    return FORBIDDEN.sub(" ", value).strip()


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise FileRefused(_("The workbook could not be read: open it in your spreadsheet and save it again.")) from exc
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield ["" if v is None else _cell(v) for v in values]
    except Exception as exc:  # a damaged sheet inside a readable archive
        raise FileRefused(_("The workbook could not be read: open it in your spreadsheet and save it again.")) from exc
    finally:
        workbook.close()


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(str(value))


def map_headers(header: list[str]) -> tuple[dict[str, int], list[str], str]:
    """({column: index}, ignored headers, language of the headers: 'fr' or 'it')."""
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    italian = french = 0
    for index, raw in enumerate(header):
        key = _HEADER_INDEX.get(normalise(raw))
        if key is None or key in mapping:
            if raw.strip():
                ignored.append(raw.strip())
            continue
        mapping[key] = index
        if normalise(raw) in ITALIAN_HEADERS:
            italian += 1
        else:
            french += 1
    missing = [key for key in ("role", "quantity", "unit", "commune") if key not in mapping]
    if missing or not ({"commercial_name", "title"} & mapping.keys()):
        raise FileRefused(
            _(
                "The first row must hold the column names. Required columns: role, commercial name (or title), "
                "quantity, unit, commune (in French: rôle, nom commercial, quantité, unité, commune; in Italian: "
                "ruolo, nome commerciale, quantità, unità, comune). Download the template to see them."
            )
        )
    return mapping, ignored, "it" if italian > french else "fr"


def lookup(vocabulary: dict[str, str], value: str) -> str | None:
    text = normalise(value)
    return vocabulary.get(text) or vocabulary.get(text.removeprefix("par ").removeprefix("al "))


def parse_quantity(value: str) -> Decimal:
    """'1 200,5' or '1.200,5' or '1200.5' -> Decimal; ValueError when it is no number."""
    text = value.replace("\u00a0", "").replace(" ", "").replace("'", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def ewc_key(value: str) -> str:
    """'020304', '02.03.04', '02 03 04*' -> '02 03 04'; '' when not six digits."""
    digits = re.sub(r"\D", "", value)
    return f"{digits[:2]} {digits[2:4]} {digits[4:6]}" if len(digits) == 6 else ""


class ReferenceCache:
    """Lookups made once per import instead of once per row."""

    def __init__(self) -> None:
        self.categories = {normalise(c.code): c for c in MaterialCategory.objects.all()}
        for category in list(self.categories.values()):
            for name in (category.name_fr, category.name_it):
                if name:
                    self.categories.setdefault(normalise(name), category)
        self.ewc: dict[str, EwcCode | None] = {}
        self.nace: dict[str, Any] = {}
        self.communes: dict[tuple[str, str], Any] = {}
        self.profile_category: dict[tuple[str, str], MaterialCategory | None] = {}

    def ewc_code(self, key: str) -> EwcCode | None:
        if key not in self.ewc:
            self.ewc[key] = EwcCode.objects.filter(code=key, level=EwcCode.Level.ENTRY).first()
        return self.ewc[key]

    def nace_class(self, code: str):
        from circuito.nace.lookup import resolve_code

        if code not in self.nace:
            self.nace[code] = resolve_code(code)
        return self.nace[code]

    def cached(self, store: dict, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in store:
            store[key] = compute()
        return store[key]


STATE_BY_NATURE = {"energy": "none", "capacity": "none", "water": "liquid"}


def resolve_commune(text: str, department: str, refs: ReferenceCache) -> tuple[Any, str]:
    """(commune, "") or (None, reason). Exact normalised name in either language, narrowed by the
    department or province code when given (as a column or as "Nice (06)")."""
    from circuito.geo.models import Commune

    found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", text)
    name, code = (found.group(1), found.group(2)) if found else (text, department)
    code = code.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = f"0{code}"
    wanted = normalise(name)
    if not wanted:
        return None, _("Give the commune (comune) of the flow.")

    def compute() -> list:
        queryset = Commune.objects.select_related("department").filter(search_name__contains=wanted)
        if code:
            queryset = queryset.filter(department__code__iexact=code)
        return [c for c in queryset[:200] if wanted in (normalise(c.name), normalise(c.alt_name))]

    matches = refs.cached(refs.communes, (wanted, code), compute)
    if len(matches) == 1:
        return matches[0], ""
    if not matches:
        if code:
            return None, _("No commune called “%(name)s” in the department or province %(code)s: check both.") % {
                "name": name,
                "code": code,
            }
        return None, _("No commune called “%(name)s” was found: check the spelling (as in the official list).") % {
            "name": name
        }
    choices = ", ".join(f"{c.name} ({c.department.code})" for c in matches[:10])
    return None, _(
        "Several communes are called “%(name)s”: %(choices)s. Write the one you mean with its department or "
        "province code, e.g. “%(example)s”."
    ) % {"name": name, "choices": choices, "example": f"{matches[0].name} ({matches[0].department.code})"}


def _value(values: list[str], mapping: dict[str, int], key: str) -> str:
    index = mapping.get(key)
    return values[index].strip() if index is not None and index < len(values) else ""


def _choice(
    errors: list[str], vocabulary: dict[str, str], raw: str, message: str, default: str | None = None
) -> str | None:
    if not raw:
        return default
    found = lookup(vocabulary, raw)
    if found is None:
        errors.append(message % {"value": raw})
    return found


def parse_row(values: list[str], mapping: dict[str, int], language: str, refs: ReferenceCache) -> tuple[dict, list]:
    """(flow data as plain JSON values, reasons the row is refused). The data still has to go
    through `validate_flow_data`, which `jobs_import` calls with the row's organisation."""
    errors: list[str] = []
    get = lambda key: _value(values, mapping, key)  # noqa: E731
    data: dict[str, Any] = {}
    direction = _choice(
        errors,
        _ROLE,
        get("role"),
        _("Role “%(value)s” is unknown: write producteur/produttore (offer) or utilisateur/utilizzatore (need)."),
    )
    if not get("role"):
        errors.append(_("Give the role: producteur/produttore (offer) or utilisateur/utilizzatore (need)."))
    data["direction"] = direction or ""
    ewc_raw = get("ewc")
    nature_default = "waste" if ewc_raw else "by_product"
    data["nature"] = (
        _choice(
            errors,
            _NATURE,
            get("nature"),
            _(
                "Nature “%(value)s” is unknown: write sous-produit/sottoprodotto, déchet/rifiuto, matière, "
                "énergie or eau."
            ),
            nature_default,
        )
        or ""
    )
    if ewc_raw:
        key = ewc_key(ewc_raw)
        ewc = refs.ewc_code(key) if key else None
        if ewc is None:
            errors.append(
                _("The waste code “%(value)s” is not in the European List of Waste (six digits, e.g. 02 03 04).")
                % {"value": ewc_raw}
            )
        data["ewc"] = key if ewc else ""
    nace_raw = get("nace")
    if nace_raw:
        activity = refs.nace_class(nace_raw)
        if activity is None:
            errors.append(
                _("The activity code “%(value)s” is unknown: write a NAF (10.32Z), ATECO (10.32.00) or NACE code.")
                % {"value": nace_raw}
            )
        data["nace"] = activity.code if activity else ""
    category_raw = get("category")
    if category_raw:
        category = refs.categories.get(normalise(category_raw))
        if category is None:
            errors.append(
                _("The category “%(value)s” does not exist: see the list of categories.") % {"value": category_raw}
            )
        data["category"] = category.code if category else ""
    nature = data["nature"]
    data["physical_state"] = (
        _choice(
            errors,
            _STATE,
            get("physical_state"),
            _("Physical state “%(value)s” is unknown: write solide, poudre, pâteux, liquide or gaz."),
            STATE_BY_NATURE.get(nature, "solid"),
        )
        or ""
    )
    quantity = get("quantity")
    if quantity:
        try:
            data["quantity"] = str(parse_quantity(quantity))
        except ValueError:
            errors.append(
                _("The quantity “%(value)s” is not a number: write it like 12,5 or 12.5.") % {"value": quantity}
            )
    data["unit"] = (
        _choice(
            errors,
            _UNIT,
            get("unit"),
            _("Unit “%(value)s” is unknown: write t, kg, m3, l, MWh, kWh, pièces, palettes."),
        )
        or ""
    )
    data["frequency"] = (
        _choice(
            errors,
            _FREQUENCY,
            get("frequency"),
            _("Frequency “%(value)s” is unknown: write par jour, par semaine, par mois, par an or une fois."),
            "year" if quantity else None,
        )
        or ""
    )
    commercial_name = get("commercial_name")
    data["commercial_name"] = commercial_name
    data[f"title_{language}"] = get("title") or commercial_name
    data[f"description_{language}"] = get("description")
    commune, reason = resolve_commune(get("commune"), get("department"), refs)
    if reason:
        errors.append(reason)
    data["commune"] = commune.pk if commune else None
    data["company"] = {k: get(k) for k in ("legal_name", "siret", "partita_iva")}
    return data, errors


def field_label(field: str) -> str:
    """The translated name of a flow field, for messages like "Quantity: …"."""
    name = field.removesuffix("_fr").removesuffix("_it")
    try:
        return str(Flow._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name.replace("_", " ").capitalize()


def messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field_label(f)}: {m}" for f, ms in error.message_dict.items() for m in ms]
    return list(error.messages)
