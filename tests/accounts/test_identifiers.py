import pytest
from django.core.exceptions import ValidationError

from circuito.accounts.identifiers import clean_identifiers, clean_partita_iva, clean_siret


def test_siret_is_normalised_and_siren_derived():
    data = clean_identifiers({"country": "FR", "siret": "732 829 320 00074"})
    assert data["siret"] == "73282932000074"
    assert data["siren"] == "732829320"


@pytest.mark.parametrize("value", ["7328293200007", "73282932000075", "ABCDEFGHIJKLMN"])
def test_wrong_siret_says_what_is_wrong(value):
    with pytest.raises(ValidationError) as exc:
        clean_siret(value)
    assert "SIRET" in exc.value.messages[0]


def test_partita_iva_accepts_country_prefix():
    assert clean_partita_iva("IT 00743110157") == "00743110157"


def test_identifier_of_the_other_country_is_refused():
    with pytest.raises(ValidationError) as exc:
        clean_identifiers({"country": "IT", "siret": "73282932000074"})
    assert "siret" in exc.value.message_dict


def test_siren_must_match_siret():
    with pytest.raises(ValidationError) as exc:
        clean_identifiers({"country": "FR", "siret": "73282932000074", "siren": "552100554"})
    assert "siren" in exc.value.message_dict


def test_codice_fiscale_of_a_person_and_of_a_company():
    assert clean_identifiers({"country": "IT", "codice_fiscale": "rssmra85t10a562s"})["codice_fiscale"] == (
        "RSSMRA85T10A562S"
    )
    assert clean_identifiers({"country": "IT", "codice_fiscale": "00743110157"})["codice_fiscale"] == "00743110157"
    with pytest.raises(ValidationError):
        clean_identifiers({"country": "IT", "codice_fiscale": "RSSMRA85T10A562X"})
