"""Which departments or provinces a five-digit postcode can belong to.

The gazetteer carries no postcodes: these rules narrow an address's commune search instead.
A postcode can be French or Italian (10121 is a street in Turin, or a village of the Aube), so
both readings are returned and the commune's name decides.

- France: the first two digits are the department (La Poste's numbering), "20" is Corsica
  (2A, 2B) and "97" the overseas departments (three digits).
- Italy: the first two digits of the CAP are a postal area of Poste Italiane, which covers one
  province or a province and those carved out of it later (Biella from Vercelli, Lodi from Milan,
  Fermo from Ascoli Piceno…); a few neighbours are listed where areas and provinces overlap.

Source: the published numbering schemes of La Poste (codes postaux) and Poste Italiane (CAP);
facts of public record, compiled here. Province abbreviations as in the ISTAT list of comuni
(circuito/geo/data/README.md).
"""

IT_CAP_AREAS: dict[str, tuple[str, ...]] = {
    "00": ("RM",),
    "01": ("VT",),
    "02": ("RI",),
    "03": ("FR",),
    "04": ("LT",),
    "05": ("TR",),
    "06": ("PG",),
    "07": ("SS", "NU"),
    "08": ("NU", "OR", "SU"),
    "09": ("CA", "SU", "OR", "NU"),
    "10": ("TO",),
    "11": ("AO",),
    "12": ("CN",),
    "13": ("VC", "BI"),
    "14": ("AT",),
    "15": ("AL",),
    "16": ("GE",),
    "17": ("SV",),
    "18": ("IM",),
    "19": ("SP",),
    "20": ("MI", "MB", "LO"),
    "21": ("VA",),
    "22": ("CO", "LC"),
    "23": ("SO", "LC"),
    "24": ("BG",),
    "25": ("BS",),
    "26": ("CR", "LO"),
    "27": ("PV",),
    "28": ("NO", "VB"),
    "29": ("PC",),
    "30": ("VE",),
    "31": ("TV",),
    "32": ("BL",),
    "33": ("UD", "PN"),
    "34": ("TS", "GO"),
    "35": ("PD",),
    "36": ("VI",),
    "37": ("VR",),
    "38": ("TN",),
    "39": ("BZ",),
    "40": ("BO",),
    "41": ("MO",),
    "42": ("RE",),
    "43": ("PR",),
    "44": ("FE",),
    "45": ("RO",),
    "46": ("MN",),
    "47": ("FC", "RN"),
    "48": ("RA",),
    "50": ("FI",),
    "51": ("PT",),
    "52": ("AR",),
    "53": ("SI",),
    "54": ("MS",),
    "55": ("LU",),
    "56": ("PI",),
    "57": ("LI",),
    "58": ("GR",),
    "59": ("PO",),
    "60": ("AN",),
    "61": ("PU",),
    "62": ("MC",),
    "63": ("AP", "FM"),
    "64": ("TE",),
    "65": ("PE",),
    "66": ("CH",),
    "67": ("AQ",),
    "70": ("BA", "BT"),
    "71": ("FG",),
    "72": ("BR",),
    "73": ("LE",),
    "74": ("TA",),
    "75": ("MT",),
    "76": ("BT",),
    "80": ("NA",),
    "81": ("CE",),
    "82": ("BN",),
    "83": ("AV",),
    "84": ("SA",),
    "85": ("PZ",),
    "86": ("CB", "IS"),
    "87": ("CS",),
    "88": ("CZ", "KR", "VV"),
    "89": ("RC", "VV"),
    "90": ("PA",),
    "91": ("TP",),
    "92": ("AG",),
    "93": ("CL",),
    "94": ("EN",),
    "95": ("CT",),
    "96": ("SR",),
    "97": ("RG",),
    "98": ("ME",),
}


def _french_departments(postcode: str) -> tuple[str, ...]:
    prefix = postcode[:2]
    if prefix == "00":
        return ()
    if prefix == "20":
        return ("2A", "2B")
    if prefix == "97":
        return (postcode[:3],)
    return (prefix,) if prefix != "98" else ()


def departments_for_postcode(postcode: str) -> dict[str, tuple[str, ...]]:
    """{"FR": department codes, "IT": province abbreviations} a postcode may belong to."""
    if len(postcode) != 5 or not postcode.isdigit():
        return {}
    areas = {"FR": _french_departments(postcode), "IT": IT_CAP_AREAS.get(postcode[:2], ())}
    return {country: codes for country, codes in areas.items() if codes}
