"""Pilot zones, workshops, awareness meetings and flow imports."""

from django.urls import path

from bourseflux.views import imports, zones

urlpatterns = [
    path("zones/", zones.zone_list, name="zone_list"),
    path("zones/new/", zones.zone_form, name="zone_create"),
    path("zones/<int:pk>/", zones.zone_detail, name="zone_detail"),
    path("zones/<int:pk>/edit/", zones.zone_form, name="zone_edit"),
    path("zones/<int:pk>/delete/", zones.zone_delete, name="zone_delete"),
    path("zones/<int:pk>/companies/<int:org_pk>/remove/", zones.zone_remove_company, name="zone_remove_company"),
    path("zones/<int:pk>/map.geojson", zones.zone_geojson, name="zone_geojson"),
    path("zones/<int:pk>/synergies/", zones.zone_synergies, name="zone_synergies"),
    path("zones/companies/autocomplete/", zones.company_autocomplete, name="company_autocomplete"),
    path("zones/<int:zone_pk>/workshops/new/", zones.workshop_form, name="workshop_create"),
    path("zones/<int:zone_pk>/workshops/<int:pk>/edit/", zones.workshop_form, name="workshop_edit"),
    path("workshops/<int:pk>/", zones.workshop_grid, name="workshop_grid"),
    path("meetings/", zones.meeting_list, name="meeting_list"),
    path("meetings/new/", zones.meeting_form, name="meeting_create"),
    path("meetings/<int:pk>/edit/", zones.meeting_form, name="meeting_edit"),
    path("import/", imports.import_start, name="import_start"),
    path("import/<uuid:job_id>/", imports.import_report, name="import_report"),
    path("import/<uuid:job_id>/status/", imports.import_status, name="import_status"),
    path("import/<uuid:job_id>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/template/<str:fmt>/<str:lang>/", imports.import_template, name="import_template"),
]
