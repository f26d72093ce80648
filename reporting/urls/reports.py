"""URLs of the reports area."""

from django.urls import path

from reporting.views import reports as views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/<str:fmt>/", views.report_download, name="report_download"),
]
