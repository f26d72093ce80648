"""What the law says about by-products and waste shipments, as data the pages show.

Everything here is guidance for companies, never a legal decision: the pages say so ("advisory").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from bourseflux.models import Flow

ADVISORY = _(
    "Advisory only: this is not a legal opinion. Check with the competent authorities (DREAL in France, "
    "the Region or ARPA in Italy) before any exchange."
)

BYPRODUCT_SOURCES = (
    _("Article 5 of Directive 2008/98/EC on waste"),
    _("Article L541-4-2 of the French Code de l'environnement"),
    _("Article 184-bis of the Italian Legislative Decree 152/2006"),
    _("Italian Ministerial Decree 264/2016 (proof of the conditions, technical sheet in its Annex 2)"),
)


@dataclass(frozen=True)
class Condition:
    key: str
    title: str
    explanation: str
    directive: str
    france: str
    italy: str


BYPRODUCT_CONDITIONS: tuple[Condition, ...] = (
    Condition(
        key="certain_use",
        title=_("Further use is certain"),
        explanation=_(
            "Someone will use the material for sure (you, or a named user under a contract or an order), "
            "not merely possibly. Say who uses it and what proves it (contract, order, own process)."
        ),
        directive=_("Directive 2008/98/EC, art. 5(1)(a)"),
        france=_("Code de l'environnement, art. L541-4-2, 1°"),
        italy=_("D.Lgs. 152/2006, art. 184-bis(1)(b); DM 264/2016"),
    ),
    Condition(
        key="direct_use",
        title=_("Usable directly, without processing beyond normal industrial practice"),
        explanation=_(
            "The material is used as it is, or after the operations any raw material would undergo "
            "(drying, sieving, cutting, pressing…), not after a waste treatment. Say which operations."
        ),
        directive=_("Directive 2008/98/EC, art. 5(1)(b)"),
        france=_("Code de l'environnement, art. L541-4-2, 2°"),
        italy=_("D.Lgs. 152/2006, art. 184-bis(1)(c); DM 264/2016"),
    ),
    Condition(
        key="integral_part",
        title=_("Produced as an integral part of a production process"),
        explanation=_(
            "The material comes from your production process, whose main purpose is not to make it. "
            "Say which process (for example pressing apples for cider gives off pomace)."
        ),
        directive=_("Directive 2008/98/EC, art. 5(1)(c)"),
        france=_("Code de l'environnement, art. L541-4-2, 3°"),
        italy=_("D.Lgs. 152/2006, art. 184-bis(1)(a); DM 264/2016"),
    ),
    Condition(
        key="lawful_use",
        title=_("Further use is lawful"),
        explanation=_(
            "The use meets every product, environmental and health requirement that applies to it "
            "(for example feed, fertiliser or fuel rules) and does no overall harm to the environment "
            "or human health. Say which rules apply and how they are met."
        ),
        directive=_("Directive 2008/98/EC, art. 5(1)(d)"),
        france=_("Code de l'environnement, art. L541-4-2, 4° and 5°"),
        italy=_("D.Lgs. 152/2006, art. 184-bis(1)(d); DM 264/2016"),
    ),
)
CONDITION_KEYS = tuple(c.key for c in BYPRODUCT_CONDITIONS)


def byproduct_status(legal_check: dict) -> str:
    """'unchecked', 'met' (the company says the four conditions hold) or 'not_met'."""
    answers = (legal_check or {}).get("conditions") or {}
    if not all(key in answers for key in CONDITION_KEYS):
        return "unchecked"
    return "met" if all(answers[key].get("met") for key in CONDITION_KEYS) else "not_met"


# A simplification of Annex III of Regulation (EU) 2024/1157 (the "green" list, Basel Annex IX
# entries such as B1010 metals, B3010 plastics, B3020 paper, B2020 glass, B3030 textiles, B3040
# rubber, B3050 wood): non-hazardous waste of these EWC chapters/sub-chapters, sent for recovery.
GREEN_LIST_PREFIXES: tuple[str, ...] = (
    "03 01",  # wood (B3050)
    "03 03",  # paper and cardboard (B3020)
    "04 02",  # textiles (B3030)
    "12 01",  # metal and plastic scrap from shaping (B1010, B3010)
    "15 01 01",  # paper packaging
    "15 01 02",  # plastic packaging
    "15 01 03",  # wooden packaging
    "15 01 04",  # metallic packaging
    "15 01 07",  # glass packaging (B2020)
    "15 01 09",  # textile packaging
    "16 01 03",  # end-of-life tyres (B3140)
    "16 01 17",  # ferrous metal
    "16 01 18",  # non-ferrous metal
    "17 02",  # wood, glass, plastic
    "17 04",  # metals
    "19 10",  # metal-containing shredded waste
    "19 12 01",  # paper and cardboard
    "19 12 02",  # ferrous metal
    "19 12 03",  # non-ferrous metal
    "19 12 04",  # plastic and rubber
    "19 12 05",  # glass
    "19 12 07",  # wood
    "19 12 08",  # textiles
    "20 01 01",  # paper
    "20 01 02",  # glass
    "20 01 10",  # clothes
    "20 01 11",  # textiles
    "20 01 38",  # wood
    "20 01 39",  # plastics
    "20 01 40",  # metals
)


def is_green_listed(flow: Flow) -> bool:
    """Simplified "green list" test: non-hazardous waste sent for recovery (R…) whose EWC code is
    in GREEN_LIST_PREFIXES. The real test is the entry of Annex III / IIIA / IIIB of Regulation
    (EU) 2024/1157 (or an Annex IV "amber" entry): the page says so."""
    if flow.hazardous or not flow.ewc_id or not flow.recovery_operation.upper().startswith("R"):
        return False
    return flow.ewc.code.startswith(GREEN_LIST_PREFIXES)


def shipment_advisory(flow: Flow, destination_country: str) -> str | None:
    """An advisory line on the cross-border procedure for a waste travelling between France and
    Italy (None for other flows, or within one country), in the active language."""
    destination = (destination_country or "").upper()
    if flow.nature != Flow.Nature.WASTE or not destination or destination == flow.country:
        return None
    if {flow.country, destination} != {"FR", "IT"}:
        return None
    operation = flow.recovery_operation.upper()
    if flow.hazardous or operation.startswith("D"):
        reason = (
            _("hazardous waste")
            if flow.hazardous
            else _("waste sent for disposal (%(operation)s)") % {"operation": operation}
        )
        text = _(
            "Shipping this %(reason)s between France and Italy needs prior written notification to, and "
            "consent from, the competent authorities of both countries before it leaves, under "
            "Regulation (EU) 2024/1157 (from 21 May 2026; until then Regulation (EC) 1013/2006). The "
            "notification and the movement documents go through the EU's digital system (DIWASS)."
        ) % {"reason": reason}
    elif is_green_listed(flow):
        text = _(
            "Green-listed waste sent for recovery (%(operation)s) between France and Italy travels with the "
            "Annex VII information document, signed by the sender and the recipient, and a contract for its "
            "recovery, under Regulation (EU) 2024/1157 (from 21 May 2026; until then Regulation (EC) "
            "1013/2006), through the EU's digital system (DIWASS). Whether this waste is on the green list "
            "is a simplified estimate from its code: check Annex III of the Regulation."
        ) % {"operation": operation}
    else:
        text = _(
            "Shipping this waste between France and Italy may need prior written notification and consent "
            "(if it is not on the green list of Annex III of Regulation (EU) 2024/1157, or its recovery "
            "operation is not stated), or the Annex VII information document (green-listed waste sent for "
            "recovery). The Regulation applies from 21 May 2026 (until then Regulation (EC) 1013/2006); "
            "documents go through the EU's digital system (DIWASS). State the recovery operation (R1–R13) "
            "to get a clearer indication."
        )
    return f"{text} {ADVISORY}"
