"""Parts of NACE Rev. 2 that the data files do not give in the form the portal needs.

- Sections and the divisions they hold: NACE Rev. 2, Regulation (EC) No 1893/2006, Annex I.
- French section labels: INSEE, Nomenclature d'activités française (NAF rév. 2), sections A–U
  (Licence Ouverte). The data file only has them in capitals, one of them shortened.
"""

# Section letter: (first division, last division).
SECTION_DIVISIONS: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}

SECTION_LABELS_FR: dict[str, str] = {
    "A": "Agriculture, sylviculture et pêche",
    "B": "Industries extractives",
    "C": "Industrie manufacturière",
    "D": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    "E": "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
    "F": "Construction",
    "G": "Commerce ; réparation d'automobiles et de motocycles",
    "H": "Transports et entreposage",
    "I": "Hébergement et restauration",
    "J": "Information et communication",
    "K": "Activités financières et d'assurance",
    "L": "Activités immobilières",
    "M": "Activités spécialisées, scientifiques et techniques",
    "N": "Activités de services administratifs et de soutien",
    "O": "Administration publique",
    "P": "Enseignement",
    "Q": "Santé humaine et action sociale",
    "R": "Arts, spectacles et activités récréatives",
    "S": "Autres activités de services",
    "T": (
        "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant "
        "que producteurs de biens et services pour usage propre"
    ),
    "U": "Activités extra-territoriales",
}


def section_of_division(division: str) -> str | None:
    """'10' -> 'C'."""
    number = int(division)
    for letter, (first, last) in SECTION_DIVISIONS.items():
        if first <= number <= last:
            return letter
    return None
