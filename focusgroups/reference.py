"""Reference data of the app, read from the charter: studies, question tags, consent texts.

Idempotent: codes are the keys; labels are refreshed, targets edited after loading are kept.
"""

from django.db import transaction

from circuito.accounts.charter import load_charter_data
from circuito.accounts.models import Organisation
from focusgroups.models import ConsentText, QuestionTag, Study

# The charter gives no focus-group count for 5.2 (evaluation of the WP4 services): a target to
# start from, editable in the admin, never overwritten by later loads.
DEFAULT_TARGETS = {"5.2": (6, 40)}

TAGS = [
    # code, fr, it — 3.2: the obstacles to cross-border R&I cooperation the brief names.
    ("obstacle-technological", "Obstacles technologiques", "Ostacoli tecnologici"),
    (
        "obstacle-regulatory",
        "Obstacles réglementaires (y compris environnementaux)",
        "Ostacoli normativi (anche ambientali)",
    ),
    ("obstacle-programming", "Programmation économique régionale", "Programmazione economica regionale"),
    ("cooperation-practice", "Pratiques de coopération", "Pratiche di cooperazione"),
    # 3.3: how far the circular economy is implemented and what the rules prevent.
    ("circular-implementation", "Mise en œuvre de l'économie circulaire", "Attuazione dell'economia circolare"),
    (
        "byproduct-status",
        "Statut de sous-produit et fin de statut de déchet",
        "Sottoprodotti e cessazione della qualifica di rifiuto",
    ),
    ("public-procurement", "Commande publique circulaire", "Appalti pubblici circolari"),
    # 5.2: how useful the WP4 services were to their beneficiaries.
    ("service-satisfaction", "Satisfaction des bénéficiaires", "Soddisfazione dei beneficiari"),
    ("service-effect", "Effets des services", "Effetti dei servizi"),
    ("service-improvement", "Améliorations proposées", "Miglioramenti proposti"),
]

CONSENT_V1 = {
    "fr": (
        "Je participe volontairement à ce focus group du projet CIRCUITO (Interreg ALCOTRA). "
        "Mes propos peuvent être notés et cités sans mon nom : seuls un pseudonyme, mon organisation, "
        "sa catégorie et son pays apparaissent dans les analyses et les rapports. Je peux retirer mon "
        "consentement à tout moment auprès de l'organisateur : mes contributions seront alors exclues "
        "des analyses et des exports."
    ),
    "it": (
        "Partecipo volontariamente a questo focus group del progetto CIRCUITO (Interreg ALCOTRA). "
        "Le mie parole possono essere annotate e citate senza il mio nome: nelle analisi e nei rapporti "
        "compaiono solo uno pseudonimo, la mia organizzazione, la sua categoria e il suo paese. Posso "
        "ritirare il consenso in qualsiasi momento presso l'organizzatore: i miei contributi saranno "
        "allora esclusi dalle analisi e dalle esportazioni."
    ),
}


def _partner(code: str) -> Organisation:
    org = Organisation.objects.filter(partner_code=code, kind=Organisation.Kind.PARTNER).first()
    if org is None:
        raise LookupError(f"Partner {code} is missing: load the charter's partners first (load_charter).")
    return org


def charter_studies() -> list[dict]:
    """The charter's activities that run focus groups, with their coordinator's code and target."""
    studies = []
    for order, wp in enumerate(load_charter_data()["work_packages"]):
        for activity in wp.get("activities", []):
            if "focus_groups" not in activity:
                continue
            target = sum(d["count"] for d in activity.get("deliverables", []) if d.get("kind") == "focus_group")
            studies.append(
                {
                    "code": str(activity["code"]),
                    "name": activity["name"],
                    "description": activity["focus_groups"],
                    "coordinator": activity.get("lead") or wp["lead"],
                    "target": target,
                    "order": order * 10 + len(studies),
                }
            )
    return studies


@transaction.atomic
def load_reference() -> dict[str, int]:
    counts = {"studies": 0, "tags": 0, "consent_texts": 0}
    for spec in charter_studies():
        study = Study.objects.filter(code=spec["code"]).first()
        default_sessions, default_responses = DEFAULT_TARGETS.get(spec["code"], (0, None))
        if study is None:
            study = Study(code=spec["code"])
            study.target_from_charter = bool(spec["target"])
            study.target_sessions = spec["target"] or default_sessions
            study.target_responses = default_responses
        elif study.target_from_charter and spec["target"]:
            study.target_sessions = spec["target"]
        if study.pk is None:  # names and coordinator are the staff's to change afterwards
            study.name_fr, study.name_it = spec["name"]["fr"], spec["name"]["it"]
            study.coordinator = _partner(spec["coordinator"])
        study.order = spec["order"]
        if not study.description_fr:
            # The charter's note is in English: a starting point for the coordinator to rewrite.
            study.description_fr = study.description_it = spec["description"]
        study.save()
        counts["studies"] += 1
    for order, (code, fr, it) in enumerate(TAGS):
        QuestionTag.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_it": it, "order": order})
        counts["tags"] += 1
    for language, text in CONSENT_V1.items():
        _, created = ConsentText.objects.get_or_create(version=1, language=language, defaults={"text": text})
        counts["consent_texts"] += int(created)
    return counts
