"""URLs of the structure area."""

from django.urls import path

from reporting.views import calendar
from reporting.views import structure as views

urlpatterns = [
    path("", views.index, name="index"),
    path("structure/", views.overview, name="overview"),
    path("structure/gantt/", views.gantt_chart, name="gantt"),
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/new/", calendar.edition_add, name="edition_add"),
    path("calendar/<int:pk>/edit/", calendar.edition_edit, name="edition_edit"),
    path("deliverables/<int:pk>/", views.deliverable_detail, name="deliverable_detail"),
    path("deliverables/<int:pk>/edit/", views.deliverable_edit, name="deliverable_edit"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("evidence/<int:pk>/file/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
