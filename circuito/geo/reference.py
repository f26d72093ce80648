"""Reference tables for the territories that the gazetteer files do not carry themselves.

- French regions and the department → region table: INSEE, Code officiel géographique (COG),
  regions since 1 January 2016 (Licence Ouverte). Italian names of French regions are their usual
  Italian exonyms.
- Italian regions: ISTAT region codes ("01" Piemonte … "20" Sardegna), the Italian names as
  ISTAT publishes them, the French names as usually written in French.
- ALCOTRA area: the departments and provinces of the Interreg France-Italy (ALCOTRA) programme.
"""

# Codes of the departments (France) and provinces (Italy) of the ALCOTRA area.
ALCOTRA_DEPARTMENTS: dict[str, frozenset[str]] = {
    "FR": frozenset({"04", "05", "06", "73", "74"}),
    "IT": frozenset({"AO", "TO", "CN", "IM", "SV", "GE"}),
}

# Regions (by code) that hold ALCOTRA departments/provinces.
ALCOTRA_REGIONS: dict[str, frozenset[str]] = {
    "FR": frozenset({"93", "84"}),  # Provence-Alpes-Côte d'Azur, Auvergne-Rhône-Alpes
    "IT": frozenset({"01", "02", "07"}),  # Piemonte, Valle d'Aosta, Liguria
}

COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    # code: (French name, Italian name)
    "FR": ("France", "Francia"),
    "IT": ("Italie", "Italia"),
}

# INSEE region code: (French name, Italian name).
FR_REGIONS: dict[str, tuple[str, str]] = {
    "01": ("Guadeloupe", "Guadalupa"),
    "02": ("Martinique", "Martinica"),
    "03": ("Guyane", "Guyana francese"),
    "04": ("La Réunion", "Riunione"),
    "06": ("Mayotte", "Mayotte"),
    "11": ("Île-de-France", "Île-de-France"),
    "24": ("Centre-Val de Loire", "Centro-Valle della Loira"),
    "27": ("Bourgogne-Franche-Comté", "Borgogna-Franca Contea"),
    "28": ("Normandie", "Normandia"),
    "32": ("Hauts-de-France", "Alta Francia"),
    "44": ("Grand Est", "Grand Est"),
    "52": ("Pays de la Loire", "Paesi della Loira"),
    "53": ("Bretagne", "Bretagna"),
    "75": ("Nouvelle-Aquitaine", "Nuova Aquitania"),
    "76": ("Occitanie", "Occitania"),
    "84": ("Auvergne-Rhône-Alpes", "Alvernia-Rodano-Alpi"),
    "93": ("Provence-Alpes-Côte d'Azur", "Provenza-Alpi-Costa Azzurra"),
    "94": ("Corse", "Corsica"),
}

# Department code → INSEE region code (COG).
_FR_REGION_DEPARTMENTS: dict[str, str] = {
    "01": "971",
    "02": "972",
    "03": "973",
    "04": "974",
    "06": "976",
    "11": "75 77 78 91 92 93 94 95",
    "24": "18 28 36 37 41 45",
    "27": "21 25 39 58 70 71 89 90",
    "28": "14 27 50 61 76",
    "32": "02 59 60 62 80",
    "44": "08 10 51 52 54 55 57 67 68 88",
    "52": "44 49 53 72 85",
    "53": "22 29 35 56",
    "75": "16 17 19 23 24 33 40 47 64 79 86 87",
    "76": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "84": "01 03 07 15 26 38 42 43 63 69 73 74",
    "93": "04 05 06 13 83 84",
    "94": "2A 2B",
}
FR_DEPARTMENT_REGION: dict[str, str] = {
    dep: region for region, deps in _FR_REGION_DEPARTMENTS.items() for dep in deps.split()
}

# ISTAT region code: (Italian name, French name, names used for the region in the data files).
IT_REGIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "01": ("Piemonte", "Piémont", ()),
    "02": ("Valle d'Aosta", "Vallée d'Aoste", ("Valle d'Aosta/Vallée d'Aoste",)),
    "03": ("Lombardia", "Lombardie", ()),
    "04": ("Trentino-Alto Adige/Südtirol", "Trentin-Haut-Adige", ("Trentino-Alto Adige",)),
    "05": ("Veneto", "Vénétie", ()),
    "06": ("Friuli-Venezia Giulia", "Frioul-Vénétie Julienne", ()),
    "07": ("Liguria", "Ligurie", ()),
    "08": ("Emilia-Romagna", "Émilie-Romagne", ()),
    "09": ("Toscana", "Toscane", ()),
    "10": ("Umbria", "Ombrie", ()),
    "11": ("Marche", "Marches", ()),
    "12": ("Lazio", "Latium", ()),
    "13": ("Abruzzo", "Abruzzes", ()),
    "14": ("Molise", "Molise", ()),
    "15": ("Campania", "Campanie", ()),
    "16": ("Puglia", "Pouilles", ()),
    "17": ("Basilicata", "Basilicate", ()),
    "18": ("Calabria", "Calabre", ()),
    "19": ("Sicilia", "Sicile", ()),
    "20": ("Sardegna", "Sardaigne", ()),
}

# Department / province names in the other language, where one is in use. The others keep the
# same name in both languages. Keyed by (country, code): (French name, Italian name).
DEPARTMENT_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("FR", "04"): ("Alpes-de-Haute-Provence", "Alpi dell'Alta Provenza"),
    ("FR", "05"): ("Hautes-Alpes", "Alte Alpi"),
    ("FR", "06"): ("Alpes-Maritimes", "Alpi Marittime"),
    ("FR", "73"): ("Savoie", "Savoia"),
    ("FR", "74"): ("Haute-Savoie", "Alta Savoia"),
    ("FR", "13"): ("Bouches-du-Rhône", "Bocche del Rodano"),
    ("FR", "83"): ("Var", "Varo"),
    ("FR", "84"): ("Vaucluse", "Valchiusa"),
    ("FR", "69"): ("Rhône", "Rodano"),
    ("FR", "75"): ("Paris", "Parigi"),
    ("FR", "2A"): ("Corse-du-Sud", "Corsica del Sud"),
    ("FR", "2B"): ("Haute-Corse", "Alta Corsica"),
    ("IT", "AO"): ("Aoste", "Aosta"),
    ("IT", "TO"): ("Turin", "Torino"),
    ("IT", "CN"): ("Coni", "Cuneo"),
    ("IT", "IM"): ("Imperia", "Imperia"),
    ("IT", "SV"): ("Savone", "Savona"),
    ("IT", "GE"): ("Gênes", "Genova"),
    ("IT", "AL"): ("Alexandrie", "Alessandria"),
    ("IT", "NO"): ("Novare", "Novara"),
    ("IT", "VC"): ("Verceil", "Vercelli"),
    ("IT", "MI"): ("Milan", "Milano"),
    ("IT", "RM"): ("Rome", "Roma"),
    ("IT", "NA"): ("Naples", "Napoli"),
    ("IT", "FI"): ("Florence", "Firenze"),
    ("IT", "VE"): ("Venise", "Venezia"),
    ("IT", "PD"): ("Padoue", "Padova"),
    ("IT", "MN"): ("Mantoue", "Mantova"),
    ("IT", "BZ"): ("Bolzano", "Bolzano/Bozen"),
    ("IT", "TN"): ("Trente", "Trento"),
}

# Exonyms of well-known places, so that a search in either language finds them.
# Keyed by (country, department code, official name): name in the other language.
EXONYMS: dict[tuple[str, str, str], str] = {
    # France: names in Italian
    ("FR", "06", "Nice"): "Nizza",
    ("FR", "06", "Menton"): "Mentone",
    ("FR", "06", "Antibes"): "Antibo",
    ("FR", "06", "Grasse"): "Grassa",
    ("FR", "06", "Villefranche-sur-Mer"): "Villafranca",
    ("FR", "06", "Sospel"): "Sospello",
    ("FR", "06", "Tende"): "Tenda",
    ("FR", "06", "Brigue"): "Briga Marittima",
    ("FR", "06", "Breil-sur-Roya"): "Breglio",
    ("FR", "06", "Saorge"): "Saorgio",
    ("FR", "06", "Roquebrune-Cap-Martin"): "Roccabruna",
    ("FR", "06", "Èze"): "Eza",
    ("FR", "06", "Vence"): "Venza",
    ("FR", "06", "Levens"): "Levenzo",
    ("FR", "06", "Puget-Théniers"): "Poggetto Tenieri",
    ("FR", "06", "Saint-Martin-Vésubie"): "San Martino Lantosca",
    ("FR", "06", "Saint-Étienne-de-Tinée"): "Santo Stefano di Tinea",
    ("FR", "73", "Chambéry"): "Ciamberì",
    ("FR", "73", "Saint-Jean-de-Maurienne"): "San Giovanni di Moriana",
    ("FR", "73", "Bourg-Saint-Maurice"): "Borgo San Maurizio",
    ("FR", "05", "Briançon"): "Brianzone",
    ("FR", "05", "Embrun"): "Embruno",
    ("FR", "05", "Montgenèvre"): "Monginevro",
    ("FR", "04", "Barcelonnette"): "Barcellonetta",
    ("FR", "04", "Digne-les-Bains"): "Digna",
    ("FR", "04", "Sisteron"): "Sisterone",
    ("FR", "13", "Marseille"): "Marsiglia",
    ("FR", "69", "Lyon"): "Lione",
    ("FR", "75", "Paris"): "Parigi",
    ("FR", "83", "Toulon"): "Tolone",
    ("FR", "31", "Toulouse"): "Tolosa",
    ("FR", "67", "Strasbourg"): "Strasburgo",
    ("FR", "84", "Avignon"): "Avignone",
    ("FR", "2A", "Ajaccio"): "Aiaccio",
    ("FR", "59", "Lille"): "Lilla",
    ("FR", "21", "Dijon"): "Digione",
    # Italy: names in French
    ("IT", "TO", "Torino"): "Turin",
    ("IT", "TO", "Ivrea"): "Ivrée",
    ("IT", "TO", "Susa"): "Suse",
    ("IT", "TO", "Pinerolo"): "Pignerol",
    ("IT", "TO", "Bardonecchia"): "Bardonnèche",
    ("IT", "TO", "Sestriere"): "Sestrières",
    ("IT", "TO", "Cesana Torinese"): "Césane",
    ("IT", "TO", "Chiomonte"): "Chaumont",
    ("IT", "TO", "Moncalieri"): "Moncalier",
    ("IT", "TO", "Fenestrelle"): "Fénestrelle",
    ("IT", "TO", "Pragelato"): "Pragela",
    ("IT", "TO", "Avigliana"): "Veillane",
    ("IT", "CN", "Cuneo"): "Coni",
    ("IT", "CN", "Saluzzo"): "Saluces",
    ("IT", "CN", "Alba"): "Albe",
    ("IT", "CN", "Limone Piemonte"): "Limon",
    ("IT", "CN", "Savigliano"): "Savillan",
    ("IT", "GE", "Genova"): "Gênes",
    ("IT", "SV", "Savona"): "Savone",
    ("IT", "IM", "Sanremo"): "San Remo",
    ("IT", "IM", "Ventimiglia"): "Vintimille",
    ("IT", "AO", "Aosta"): "Aoste",
    ("IT", "MI", "Milano"): "Milan",
    ("IT", "RM", "Roma"): "Rome",
    ("IT", "NA", "Napoli"): "Naples",
    ("IT", "FI", "Firenze"): "Florence",
    ("IT", "VE", "Venezia"): "Venise",
    ("IT", "AL", "Alessandria"): "Alexandrie",
    ("IT", "NO", "Novara"): "Novare",
    ("IT", "VC", "Vercelli"): "Verceil",
    ("IT", "PI", "Pisa"): "Pise",
    ("IT", "BO", "Bologna"): "Bologne",
    ("IT", "PA", "Palermo"): "Palerme",
    ("IT", "VR", "Verona"): "Vérone",
    ("IT", "PD", "Padova"): "Padoue",
    ("IT", "MN", "Mantova"): "Mantoue",
    ("IT", "SI", "Siena"): "Sienne",
}

# Other names still in use for a commune, found by the search but not shown: the Italian names of
# the County of Nice before 1860 and of Savoy, the towns merged into Imperia in 1923 (Oneglia,
# Porto Maurizio), and the Sophia Antipolis technology park, which lies over five communes (each
# answers). Keyed like EXONYMS. Sources: as EXONYMS (general dictionaries and atlases); ISTAT,
# variazioni amministrative (R.D. 21 ottobre 1923, n. 2360, Imperia).
OTHER_NAMES: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("FR", "06", "Nice"): ("Nizza Marittima",),
    ("FR", "06", "Villefranche-sur-Mer"): ("Villafranca Marittima",),
    ("FR", "74", "Chamonix-Mont-Blanc"): ("Chamonix Monte Bianco",),
    ("IT", "IM", "Imperia"): ("Oneglia", "Porto Maurizio"),
    ("FR", "06", "Valbonne"): ("Sophia Antipolis",),
    ("FR", "06", "Antibes"): ("Sophia Antipolis",),
    ("FR", "06", "Biot"): ("Sophia Antipolis",),
    ("FR", "06", "Mougins"): ("Sophia Antipolis",),
    ("FR", "06", "Vallauris"): ("Sophia Antipolis",),
}


def other_names(country: str, department_code: str, name: str) -> tuple[str, ...]:
    """The other names of a commune (OTHER_NAMES), none for most."""
    return OTHER_NAMES.get((country, department_code, name), ())
