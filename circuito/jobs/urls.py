from django.urls import path

from circuito.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:job_id>/", views.job_detail, name="detail"),
    path("<uuid:job_id>/progress/", views.job_progress, name="progress"),
    path("<uuid:job_id>/download/", views.job_download, name="download"),
]
