"""Checks of a place's contact details against its country: postcode, phone, SIRET, website.

Phones are parsed with `phonenumbers` (Google's numbering plans) and kept in the country's
national format for display; `phone_e164` gives the international form for links and exports.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.fr import siret as stdnum_siret

POSTCODE = re.compile(r"^\d{5}$")


def clean_postcode(value: str, country: str, department_code: str = "") -> str:
    """Five digits in both countries; in France they start with the department's number
    (20 for Corsica's 2A and 2B)."""
    value = (value or "").strip().replace(" ", "")
    if not value:
        return ""
    if not POSTCODE.match(value):
        raise ValidationError(_("A postcode has 5 digits, e.g. 06000 or 11100."), code="postcode")
    if country == "FR" and department_code:
        expected = "20" if department_code.upper() in ("2A", "2B") else department_code[:2]
        if department_code.isdigit() and len(department_code) == 3:
            expected = department_code[:2]  # overseas departments (971…): 97x postcodes
        if not value.startswith(expected):
            raise ValidationError(
                _("Postcodes of this department start with %(prefix)s: check the postcode or the commune."),
                params={"prefix": expected},
                code="postcode_department",
            )
    return value


def _parse_phone(value: str, country: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(value, country or "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number: write it as on a business card, e.g. %(example)s."),
            params={"value": value[:40], "example": "04 93 00 42 00" if country != "IT" else "0165 123456"},
            code="phone",
        )
    return number


def clean_phone(value: str, country: str) -> str:
    """The number in its own country's national format (e.g. 04 93 00 42 00, 0165 123456), or in
    international format when it belongs to another country than the place's."""
    value = (value or "").strip()
    if not value:
        return ""
    number = _parse_phone(value, country)
    if phonenumbers.region_code_for_number(number) == (country or "FR"):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_e164(value: str, country: str) -> str:
    """+33493004200: the form `tel:` links and the national open-data schema use ("" if invalid)."""
    if not value:
        return ""
    try:
        return phonenumbers.format_number(_parse_phone(value, country), phonenumbers.PhoneNumberFormat.E164)
    except ValidationError:
        return ""


def clean_siret(value: str) -> str:
    value = re.sub(r"\s", "", value or "")
    if value and not stdnum_siret.is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a valid SIRET: it has 14 digits (see annuaire-entreprises.data.gouv.fr)."),
            params={"value": value[:20]},
            code="siret",
        )
    return value


def clean_website(value: str) -> str:
    """Only web pages: http(s) addresses (no javascript:, ftp: or mailto: links on a public page)."""
    if value and not value.lower().startswith(("https://", "http://")):
        raise ValidationError(
            _("A website address starts with https:// (or http://), e.g. https://www.example.org."), code="website"
        )
    return value
