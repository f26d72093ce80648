"""What the law says about by-products and waste shipments, as data the pages show.

Everything here is guidance for companies, never a legal decision: the pages say so ("advisory").
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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


# The green list of Regulation (EU) 2024/1157, as data: every EWC code gets a verdict from the
# row with its longest prefix in data/green_list_ewc.csv (a chapter row says "not listed" for the
# codes of the chapter no entry names). `entry` is the Annex III (Basel Annex IX "B…" or OECD
# "G…" codes), IIIA or IIIB ("EU…"/"BEU…") entry; empty when not listed; NOTIFY when the
# Regulation asks for notification even for recovery (mixed municipal waste, art. 3(5)).
# `operations` lists the recovery operations the entry covers (empty: any R code), e.g. plastic
# waste only when destined for recycling (R3, or R12/R13 before it).
GREEN_LIST_DATA = Path(__file__).resolve().parent / "data" / "green_list_ewc.csv"
GREEN_LIST_SOURCE = (
    "Regulation (EU) 2024/1157 of 11 April 2024 on shipments of waste, Annexes III, IIIA and IIIB "
    "(OJ L, 2024/1157, 30.4.2024), https://eur-lex.europa.eu/eli/reg/2024/1157/oj; "
    "reuse authorised by Commission Decision 2011/833/EU"
)
NOTIFY = "NOTIFY"
INTERIM_OPERATIONS = ("R12", "R13")


@dataclass(frozen=True)
class GreenListVerdict:
    code: str  # the EWC code or prefix of the row that decided
    entry: str
    annex: str
    operations: tuple[str, ...]
    note: str

    @property
    def listed(self) -> bool:
        return bool(self.entry) and self.entry != NOTIFY

    def covers(self, operation: str) -> bool:
        return self.listed and operation.startswith("R") and (not self.operations or operation in self.operations)


@cache
def green_list() -> dict[str, GreenListVerdict]:
    with GREEN_LIST_DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["ewc"]: GreenListVerdict(
                row["ewc"], row["entry"], row["annex"], tuple(row["operations"].split()), row["note"]
            )
            for row in csv.DictReader(handle)
        }


def green_list_verdict(code: str) -> GreenListVerdict | None:
    """The verdict of the longest prefix of `code` ("12 01 05" → "12 01 05", else "12 01", "12")."""
    rows = green_list()
    parts = code.split()
    for size in range(len(parts), 0, -1):
        verdict = rows.get(" ".join(parts[:size]))
        if verdict is not None:
            return verdict
    return None


def _verdict(flow: Flow) -> GreenListVerdict | None:
    if flow.hazardous or not flow.ewc_id:
        return None
    return green_list_verdict(flow.ewc.code)


def is_green_listed(flow: Flow) -> bool:
    """Non-hazardous waste whose EWC code has an Annex III / IIIA / IIIB entry covering the
    recovery operation stated on the flow. The real test is the entry's wording: the page says so."""
    verdict = _verdict(flow)
    return bool(verdict and verdict.covers(flow.recovery_operation.upper()))


def _notification_reason(flow: Flow, operation: str, verdict: GreenListVerdict | None) -> str | None:
    """Why this waste needs prior notification and consent, or None when it may not."""
    if flow.hazardous:
        return _("hazardous waste")
    if operation.startswith("D"):
        return _("waste sent for disposal (%(operation)s)") % {"operation": operation}
    if verdict and verdict.entry == NOTIFY:
        return _("mixed municipal waste, even when sent for recovery")
    if not operation.startswith("R") or verdict is None:
        return None
    if not verdict.listed:
        return _("waste whose code (%(code)s) is on no green-list entry") % {"code": flow.ewc.code}
    if not verdict.covers(operation):
        return _(
            "waste of green-list entry %(entry)s sent for %(operation)s, an operation the entry does not cover"
        ) % {
            "entry": verdict.entry,
            "operation": operation,
        }
    return None


def shipment_advisory(flow: Flow, destination_country: str) -> str | None:
    """An advisory line on the cross-border procedure for a waste travelling between France and
    Italy (None for other flows, or within one country), in the active language, from the green
    list and the recovery operation stated on the flow."""
    destination = (destination_country or "").upper()
    if flow.nature != Flow.Nature.WASTE or not destination or destination == flow.country:
        return None
    if {flow.country, destination} != {"FR", "IT"}:
        return None
    operation = flow.recovery_operation.upper()
    verdict = _verdict(flow)
    reason = _notification_reason(flow, operation, verdict)
    if reason:
        text = _(
            "Shipping this %(reason)s between France and Italy needs prior written notification to, and "
            "consent from, the competent authorities of both countries before it leaves, under "
            "Regulation (EU) 2024/1157 (from 21 May 2026; until then Regulation (EC) 1013/2006). The "
            "notification and the movement documents go through the EU's digital system (DIWASS)."
        ) % {"reason": reason}
    elif verdict and verdict.covers(operation):
        text = _(
            "Green-listed waste (entry %(entry)s, Annex %(annex)s of Regulation (EU) 2024/1157) sent for "
            "recovery (%(operation)s) between France and Italy travels with the Annex VII information "
            "document, signed by the sender and the recipient, and a contract for its recovery (from 21 May "
            "2026; until then Regulation (EC) 1013/2006), through the EU's digital system (DIWASS). The entry "
            "is matched from the waste's code: check that the waste fits its wording."
        ) % {"entry": verdict.entry, "annex": verdict.annex, "operation": operation}
        if operation in INTERIM_OPERATIONS:
            text += " " + _(
                "%(operation)s is an interim operation: the document must also name the recovery that follows it."
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
        if verdict and verdict.listed:
            text += " " + _("Its code matches green-list entry %(entry)s (Annex %(annex)s) when sent for recovery.") % {
                "entry": verdict.entry,
                "annex": verdict.annex,
            }
    return f"{text} {ADVISORY}"
