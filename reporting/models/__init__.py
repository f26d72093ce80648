"""Models of the app, one module per area, all re-exported here."""

from reporting.models.calendar import ProjectEdition
from reporting.models.committees import ActionItem, Attendance, Decision, Meeting
from reporting.models.expenditure import CostCategory, ExpenditureLine, PartnerBudget, PartnerFinance
from reporting.models.monitoring import MonitoringEntry, MonitoringReport
from reporting.models.reports import Report
from reporting.models.structure import (
    Activity,
    Deliverable,
    DeliverableEvidence,
    Indicator,
    Project,
    WorkPackage,
)

__all__ = [
    "ActionItem",
    "Activity",
    "Attendance",
    "CostCategory",
    "Decision",
    "Deliverable",
    "DeliverableEvidence",
    "ExpenditureLine",
    "Indicator",
    "Meeting",
    "MonitoringEntry",
    "MonitoringReport",
    "PartnerBudget",
    "PartnerFinance",
    "Project",
    "ProjectEdition",
    "Report",
    "WorkPackage",
]
