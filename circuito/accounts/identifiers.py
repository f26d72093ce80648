"""Validation of national company identifiers, with messages that say what to fix.

Checksums come from python-stdnum (SIREN/SIRET: Luhn; partita IVA and codice fiscale: the
Italian check characters).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva


def _compact(value: str) -> str:
    return "".join(value.split()).replace(".", "").replace("-", "").upper()


def clean_siret(value: str) -> str:
    value = _compact(value)
    if not value.isdigit() or len(value) != 14:
        raise ValidationError(_("A SIRET has 14 digits; you entered %(n)s characters.") % {"n": len(value)})
    if not stdnum_siret.is_valid(value):
        raise ValidationError(_("This SIRET's check digit is wrong: check it against your Kbis or the INSEE notice."))
    return value


def clean_siren(value: str) -> str:
    value = _compact(value)
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(_("A SIREN has 9 digits; you entered %(n)s characters.") % {"n": len(value)})
    if not stdnum_siren.is_valid(value):
        raise ValidationError(_("This SIREN's check digit is wrong: check it against your Kbis or the INSEE notice."))
    return value


def clean_partita_iva(value: str) -> str:
    value = _compact(value)
    if value.startswith("IT"):
        value = value[2:]
    if not value.isdigit() or len(value) != 11:
        raise ValidationError(_("A partita IVA has 11 digits; you entered %(n)s characters.") % {"n": len(value)})
    if not stdnum_iva.is_valid(value):
        raise ValidationError(_("This partita IVA's check digit is wrong: check it against your visura camerale."))
    return value


def clean_codice_fiscale(value: str) -> str:
    value = _compact(value)
    if len(value) not in (11, 16):
        raise ValidationError(
            _("A codice fiscale has 11 digits (companies) or 16 characters (persons); you entered %(n)s.")
            % {"n": len(value)}
        )
    if not stdnum_cf.is_valid(value) and not (len(value) == 11 and stdnum_iva.is_valid(value)):
        raise ValidationError(_("This codice fiscale's check character is wrong: check it and try again."))
    return value


CLEANERS = {
    "siret": clean_siret,
    "siren": clean_siren,
    "partita_iva": clean_partita_iva,
    "codice_fiscale": clean_codice_fiscale,
}

FR_ONLY = ("siret", "siren")
IT_ONLY = ("codice_fiscale", "partita_iva")


def clean_identifiers(data: dict) -> dict:
    """Normalise the identifiers in `data` for its country; ValidationError({field: message}) lists
    every problem at once. SIREN is derived from SIRET when missing."""
    country = data.get("country")
    errors: dict[str, list] = {}
    for field, cleaner in CLEANERS.items():
        value = (data.get(field) or "").strip()
        if not value:
            data[field] = ""
            continue
        if (country == "FR" and field in IT_ONLY) or (country == "IT" and field in FR_ONLY):
            errors[field] = [_("This identifier does not exist in the country you chose: leave it empty.")]
            continue
        try:
            data[field] = cleaner(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if data.get("siret") and data.get("siren") and not data["siret"].startswith(data["siren"]):
        errors.setdefault("siren", []).append(_("The SIREN must be the first 9 digits of the SIRET."))
    if data.get("siret") and not data.get("siren") and "siret" not in errors:
        data["siren"] = data["siret"][:9]
    commune = data.get("commune")
    if commune is not None and country and commune.country != country:
        errors["commune"] = [_("This commune is not in the country you chose: pick a commune in it.")]
    if errors:
        raise ValidationError(errors)
    return data
