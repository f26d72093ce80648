"""A small NACE extract written to temporary files, loaded with the real loader."""

import csv
from pathlib import Path

import pytest

from circuito.nace.loaders import load_nace

NACE_ROWS = [
    [
        "01",
        "division",
        "Culture et production animale, chasse et services annexes",
        "COLTIVAZIONI AGRICOLE E PRODUZIONE DI PRODOTTI ANIMALI, CACCIA E SERVIZI CONNESSI",
    ],
    ["01.1", "group", "Cultures non permanentes", "COLTIVAZIONE DI COLTURE AGRICOLE NON PERMANENTI"],
    [
        "01.11",
        "class",
        "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses",
        "Coltivazione di cereali (escluso il riso), legumi da granella e semi oleosi",
    ],
    ["10", "division", "Industries alimentaires", "INDUSTRIE ALIMENTARI"],
    [
        "10.3",
        "group",
        "Transformation et conservation de fruits et légumes",
        "LAVORAZIONE E CONSERVAZIONE DI FRUTTA E ORTAGGI",
    ],
    ["10.31", "class", "Transformation et conservation de pommes de terre", "Lavorazione e conservazione delle patate"],
    ["10.32", "class", "Préparation de jus de fruits et légumes", "Produzione di succhi di frutta e di ortaggi"],
    [
        "46",
        "division",
        "Commerce de gros, à l'exception des automobiles et des motocycles",
        "COMMERCIO ALL'INGROSSO (ESCLUSO QUELLO DI AUTOVEICOLI E DI MOTOCICLI)",
    ],
    [
        "46.5",
        "group",
        "Commerce de gros d'équipements de l'information et de la communication ",
        "COMMERCIO ALL'INGROSSO DI APPARECCHIATURE ICT",
    ],
    [
        "46.51",
        "class",
        "Commerce de gros d'ordinateurs, d'équipements informatiques périphériques et de logiciels",
        "Commercio all'ingrosso di computer, apparecchiature informatiche periferiche e di software",
    ],
    ["68", "division", "Activités immobilières", "ATTIVITA' IMMOBILIARI"],
    ["A", "section", "AGRICULTURE, SYLVICULTURE ET PÊCHE", "AGRICOLTURA, SILVICOLTURA E PESCA"],
]
NAF_ROWS = [
    ["01.11Z", "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses", "01.11"],
    ["10.31Z", "Transformation et conservation de pommes de terre", "10.31"],
    ["10.32Z", "Préparation de jus de fruits et légumes", "10.32"],
    ["46.51Z", "Commerce de gros d'ordinateurs, d'équipements informatiques périphériques et de logiciels", "46.51"],
]
ATECO_ROWS = [
    ["A", "section", "", "AGRICOLTURA, SILVICOLTURA E PESCA"],
    ["C", "section", "", "ATTIVITÀ MANIFATTURIERE"],
    ["G", "section", "", "COMMERCIO ALL'INGROSSO E AL DETTAGLIO; RIPARAZIONE DI AUTOVEICOLI E MOTOCICLI"],
    ["L", "section", "", "ATTIVITA' IMMOBILIARI"],
    ["Q", "section", "", "SANITA' E ASSISTENZA SOCIALE"],
    ["01", "division", "A", "COLTIVAZIONI AGRICOLE E PRODUZIONE DI PRODOTTI ANIMALI, CACCIA E SERVIZI CONNESSI"],
    ["01.11.1", "category", "01.11", "Coltivazione di cereali (escluso il riso)"],
    ["01.11.10", "subcategory", "01.11.1", "Coltivazione di cereali (escluso il riso)"],
    ["01.11.20", "subcategory", "01.11.2", "Coltivazione di semi oleosi"],
    ["10.32.00", "subcategory", "10.32.0", "Produzione di succhi di frutta e di ortaggi"],
    [
        "46.51.00",
        "subcategory",
        "46.51.0",
        "Commercio all'ingrosso di computer, apparecchiature informatiche periferiche e di software",
    ],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def nace_files(tmp_path) -> tuple[Path, Path, Path]:
    return (
        write_csv(tmp_path / "nace.csv", ["nace_code", "level", "label_fr", "label_it"], NACE_ROWS),
        write_csv(tmp_path / "naf.csv", ["code", "label_fr", "nace_class"], NAF_ROWS),
        write_csv(tmp_path / "ateco.csv", ["code", "level", "parent", "label_it"], ATECO_ROWS),
    )


@pytest.fixture
def nace(db, nace_files):
    """Loads the small NACE extract; returns the loader's result."""
    return load_nace(*nace_files)
