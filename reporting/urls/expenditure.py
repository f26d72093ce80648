"""URLs of the expenditure area and of the partners' monitoring forms."""

from django.urls import path

from reporting.views import expenditure as views
from reporting.views import monitoring

urlpatterns = [
    path("expenditure/", views.overview, name="expenditure_overview"),
    path("expenditure/lines/<int:pk>/edit/", views.line_edit, name="expenditure_line_edit"),
    path("expenditure/lines/<int:pk>/delete/", views.line_delete, name="expenditure_line_delete"),
    path("expenditure/lines/<int:pk>/document/", views.document, name="expenditure_document"),
    path("expenditure/<str:code>/", views.partner_home, name="expenditure_partner"),
    path("expenditure/<str:code>/budget/", views.budget_edit, name="expenditure_budget"),
    path("expenditure/<str:code>/<int:period>/", views.period_lines, name="expenditure_period"),
    path("expenditure/<str:code>/<int:period>/declare/", views.declare, name="expenditure_declare"),
    path("monitoring/", monitoring.matrix, name="monitoring_matrix"),
    path("monitoring/<str:code>/<int:period>/", monitoring.report_form, name="monitoring_form"),
    path("monitoring/<str:code>/<int:period>/reopen/", monitoring.reopen, name="monitoring_reopen"),
]
