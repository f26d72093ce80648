"""A small gazetteer written to temporary files, loaded with the real loader."""

import csv
import gzip
from pathlib import Path

import pytest

from circuito.geo.loaders import load_territories

FR_HEADER = ["country", "code_insee", "name", "dep_code", "dep_name", "population", "lat", "lon"]
IT_HEADER = [
    "country",
    "istat_code",
    "municipality",
    "cadastral_code",
    "province_short",
    "province",
    "region",
    "lat",
    "lon",
]

FR_ROWS = [
    ["FR", "06088", "Nice", "06", "Alpes-Maritimes", "348085", "43.7031", "7.2661"],
    ["FR", "06083", "Menton", "06", "Alpes-Maritimes", "30231", "43.7764", "7.5048"],
    ["FR", "06120", "Saint-Étienne-de-Tinée", "06", "Alpes-Maritimes", "1331", "44.2567", "6.9250"],
    ["FR", "42218", "Saint-Étienne", "42", "Loire", "173089", "45.4347", "4.3903"],
    ["FR", "73065", "Chambéry", "73", "Savoie", "59856", "45.5646", "5.9178"],
    ["FR", "13055", "Marseille", "13", "Bouches-du-Rhône", "873076", "43.2965", "5.3698"],
    ["FR", "75056", "Paris", "75", "Paris", "2133111", "48.8566", "2.3522"],
    ["FR", "12218", "Conques-en-Rouergue", "12", "Aveyron", "1673", "", ""],
]
IT_ROWS = [
    ["IT", "001272", "Torino", "L219", "TO", "Torino", "Piemonte", "45.0703", "7.6869"],
    ["IT", "004078", "Cuneo", "D205", "CN", "Cuneo", "Piemonte", "44.3845", "7.5427"],
    ["IT", "010025", "Genova", "D969", "GE", "Genova", "Liguria", "44.4056", "8.9463"],
    [
        "IT",
        "007003",
        "Aosta",
        "A326",
        "AO",
        "Valle d'Aosta/Vallée d'Aoste",
        "Valle d'Aosta/Vallée d'Aoste",
        "45.7370",
        "7.3201",
    ],
    ["IT", "008065", "Ventimiglia", "L741", "IM", "Imperia", "Liguria", "43.7903", "7.6083"],
    ["IT", "005080", "Nizza Monferrato", "F902", "AT", "Asti", "Piemonte", "44.7740", "8.3553"],
    ["IT", "015146", "Milano", "F205", "MI", "Milano", "Lombardia", "45.4642", "9.1900"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, gz: bool = False) -> Path:
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def gazetteer_files(tmp_path) -> tuple[Path, Path]:
    return (
        write_csv(tmp_path / "fr.csv.gz", FR_HEADER, FR_ROWS, gz=True),
        write_csv(tmp_path / "it.csv", IT_HEADER, IT_ROWS),
    )


@pytest.fixture
def gazetteer(db, gazetteer_files):
    """Loads the small gazetteer; returns the loader's result."""
    return load_territories(*gazetteer_files)
