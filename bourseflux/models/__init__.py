"""Models of the flux exchange. Reference codes, sites and flows, synergies, pilot zones."""

from bourseflux.models.flows import Flow, FlowAttachment, Site
from bourseflux.models.inventory import Inventory, InventoryDraft
from bourseflux.models.reference import ActivityFlowProfile, EwcCode, MaterialCategory
from bourseflux.models.suppliers import SynergySupplier
from bourseflux.models.synergies import MatchNotice, Synergy, SynergyMessage, SynergyStageChange
from bourseflux.models.transactions import ActualQuantity, Transaction, TransactionDocument
from bourseflux.models.zones import AwarenessMeeting, PilotZone, Workshop

__all__ = [
    "ActivityFlowProfile",
    "ActualQuantity",
    "AwarenessMeeting",
    "EwcCode",
    "Flow",
    "FlowAttachment",
    "Inventory",
    "InventoryDraft",
    "MatchNotice",
    "MaterialCategory",
    "PilotZone",
    "Site",
    "Synergy",
    "SynergyMessage",
    "SynergyStageChange",
    "SynergySupplier",
    "Transaction",
    "TransactionDocument",
    "Workshop",
]
