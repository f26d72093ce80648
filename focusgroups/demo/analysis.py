"""Demo data of the analysis area: codebooks of 3.2 and 3.3 (with themes shared by every study),
codings of the demo quotes found by keywords, and a SWOT of 3.2 for Provence-Alpes-Côte d'Azur and
Liguria linked to their evidence. Idempotent: running it twice changes nothing."""

from django.db.models import Q

from circuito.geo.models import Territory
from focusgroups.models import Coding, Quote, Session, Study, SwotItem, Theme
from focusgroups.selectors_analysis import MATERIAL_STATUSES

# code, parent code, fr, it. Shared themes (study None) serve every study.
SHARED = [
    ("trust", None, "Confiance entre acteurs", "Fiducia tra gli attori"),
    ("language", None, "Langue et culture", "Lingua e cultura"),
    ("funding", None, "Financement", "Finanziamento"),
]
OBSTACLES = [
    ("obstacles", None, "Obstacles à la coopération", "Ostacoli alla cooperazione"),
    ("obstacle-technological", "obstacles", "Obstacles technologiques", "Ostacoli tecnologici"),
    ("obstacle-regulatory", "obstacles", "Obstacles réglementaires", "Ostacoli normativi"),
    ("obstacle-environmental", "obstacles", "Obstacles environnementaux", "Ostacoli ambientali"),
    ("obstacle-programming", "obstacles", "Programmation économique régionale", "Programmazione economica regionale"),
]
CODEBOOKS = {
    "3.2": OBSTACLES
    + [
        ("cooperation", None, "Pratiques de coopération", "Pratiche di cooperazione"),
        ("cooperation-research", "cooperation", "Liens avec la recherche", "Legami con la ricerca"),
    ],
    "3.3": OBSTACLES
    + [
        ("circular", None, "Économie circulaire", "Economia circolare"),
        ("byproduct-status", "circular", "Statut de sous-produit", "Qualifica di sottoprodotto"),
        ("public-procurement", "circular", "Commande publique circulaire", "Appalti pubblici circolari"),
    ],
}
# Words that put a theme on a demo quote (lower case, French and Italian).
KEYWORDS = {
    "obstacle-regulatory": (
        "norm",
        "règle",
        "regol",
        "réglement",
        "autoris",
        "autorizza",
        "burocra",
        "déchet",
        "rifiut",
    ),
    "obstacle-technological": (
        "technolog",
        "tecnolog",
        "laborato",
        "piattaforma",
        "plateforme",
        "numérique",
        "digital",
    ),
    "obstacle-environmental": ("environnement", "ambiental", "déchet", "rifiut"),
    "obstacle-programming": ("programmation", "programmazione", "feder", "fesr", "politique régionale"),
    "cooperation": ("partenaire", "partner", "rencontr", "incontr", "ensemble", "insieme"),
    "language": ("langue", "lingua", "traduc", "tradu"),
    "trust": ("confiance", "fiducia", "connaiss", "conosc"),
    "funding": ("financ", "finanz", "subvention", "contribut", "argent", "soldi"),
}
# region code (country, code): [(quadrant, fr, it, theme of the supporting quotes)]
SWOT = {
    ("FR", "93"): [
        ("S", "Réseau dense de centres de recherche et de pôles de compétitivité",
         "Rete densa di centri di ricerca e poli di competitività", "cooperation"),
        ("W", "Normes et autorisations perçues comme lourdes par les PME",
         "Norme e autorizzazioni percepite come pesanti dalle PMI", "obstacle-regulatory"),
        ("O", "Programmes ALCOTRA et FEDER ouverts aux projets communs",
         "Programmi ALCOTRA e FESR aperti ai progetti comuni", "funding"),
        ("T", "Barrière de la langue dans les échanges techniques",
         "Barriera linguistica negli scambi tecnici", "language"),
    ],
    ("IT", "07"): [
        ("S", "Filiera floricola organizzata e cooperative attive",
         "Filière floricole organisée et coopératives actives", "cooperation"),
        ("W", "Tempi lunghi per la qualifica di sottoprodotto",
         "Délais longs pour le statut de sous-produit", "obstacle-regulatory"),
        ("O", "Interesse delle PMI per le tecnologie digitali",
         "Intérêt des PME pour les technologies numériques", "obstacle-technological"),
        ("T", "Scarsa fiducia tra imprese dei due versanti",
         "Faible confiance entre entreprises des deux versants", "trust"),
    ],
}  # fmt: skip


def _themes(study: Study | None, rows: list[tuple]) -> int:
    created = 0
    for order, (code, parent, fr, it) in enumerate(rows):
        parent_theme = (
            Theme.objects.filter(Q(study=study) | Q(study__isnull=True), code=parent).first() if parent else None
        )
        _theme, made = Theme.objects.get_or_create(
            study=study, code=code, defaults={"label_fr": fr, "label_it": it, "parent": parent_theme, "order": order}
        )
        created += made
    return created


def _code_quotes(study: Study) -> int:
    themes = {t.code: t for t in Theme.objects.filter(Q(study=study) | Q(study__isnull=True))}
    created = 0
    quotes = Quote.objects.active().filter(session__study=study, session__status__in=MATERIAL_STATUSES)
    for quote in quotes:
        text = quote.text.lower()
        for code, words in KEYWORDS.items():
            if code in themes and any(word in text for word in words):
                created += Coding.objects.get_or_create(theme=themes[code], quote=quote)[1]
    return created


def _swot(study: Study) -> int:
    created = 0
    for (country, code), items in SWOT.items():
        region = Territory.objects.filter(level=Territory.Level.REGION, country=country, code=code).first()
        if region is None:
            continue
        sessions = list(Session.objects.held_or_beyond().filter(study=study, region=region))
        for order, (quadrant, fr, it, theme) in enumerate(items):
            if country == "IT":
                fr, it = it, fr  # the Italian rows are written Italian first
            item, made = SwotItem.objects.get_or_create(
                study=study,
                territory=region,
                quadrant=quadrant,
                text_fr=fr,
                defaults={"text_it": it, "order": order},
            )
            if made:
                created += 1
                item.evidence_sessions.set(sessions)
                item.evidence_quotes.set(
                    Quote.objects.active().filter(
                        session__in=[s for s in sessions if s.status in MATERIAL_STATUSES], codings__theme__code=theme
                    )[:3]
                )
    return created


def load(stdout) -> None:
    themes = _themes(None, SHARED)
    codings = swot_items = 0
    for code, rows in CODEBOOKS.items():
        study = Study.objects.filter(code=code).first()
        if study is None:
            stdout.write(f"Study {code} missing: run load_focusgroups_reference first.")
            continue
        themes += _themes(study, rows)
        codings += _code_quotes(study)
        if code == "3.2":
            swot_items += _swot(study)
    stdout.write(f"Focus-group analysis: {themes} themes, {codings} codings, {swot_items} SWOT items created.")
