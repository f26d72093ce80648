from django.urls import path

from tierslieux.views import opendata, places, places_edit, referents, reports

urlpatterns = [
    path("directory/", places.directory, name="directory"),
    path("map/", places.directory_map, name="directory_map"),
    path("places.geojson", places.places_geojson, name="places_geojson"),
    path("export/tiers-lieux.csv", places.export_csv, name="directory_csv"),
    path("export/tiers-lieux.geojson", places.export_geojson, name="directory_geojson"),
    path("export/data.json", places.export_dataset, name="directory_dataset"),
    path("import/", opendata.opendata_import, name="opendata_import"),
    path("mine/", places.my_places, name="my_places"),
    path("stale/", places.stale_places, name="stale_places"),
    path("new/", places_edit.place_create, name="place_create"),
    path("invitations/<str:token>/", referents.invitation_accept, name="invitation_accept"),
    path("p/<slug:slug>/", places.place_detail, name="place_detail"),
    path("p/<slug:slug>/photos/<int:pk>/", places.place_photo, name="place_photo"),
    path("p/<slug:slug>/edit/", places_edit.place_edit, name="place_edit"),
    path("p/<slug:slug>/hours/", places_edit.place_hours, name="place_hours"),
    path("p/<slug:slug>/services/new/", places_edit.service_edit, name="service_create"),
    path("p/<slug:slug>/services/<int:pk>/", places_edit.service_edit, name="service_edit"),
    path("p/<slug:slug>/equipment/new/", places_edit.equipment_edit, name="equipment_create"),
    path("p/<slug:slug>/equipment/<int:pk>/", places_edit.equipment_edit, name="equipment_edit"),
    path("p/<slug:slug>/photos/new/", places_edit.photo_add, name="photo_add"),
    path("p/<slug:slug>/<str:what>/<int:pk>/delete/", places_edit.child_delete, name="child_delete"),
    path("p/<slug:slug>/do/<str:action>/", places_edit.place_action, name="place_action"),
    path("p/<slug:slug>/report-error/", reports.place_report_error, name="place_report_error"),
    path("p/<slug:slug>/error-reports/", reports.place_error_reports, name="place_error_reports"),
    path("p/<slug:slug>/error-reports/<int:pk>/done/", reports.error_report_resolve, name="error_report_resolve"),
    path("p/<slug:slug>/referents/", referents.referents, name="place_referents"),
    path("p/<slug:slug>/referents/<int:pk>/remove/", referents.referent_remove, name="referent_remove"),
]
