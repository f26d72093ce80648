"""URLs of the committees area."""

from django.urls import path

from reporting.views import committees as views

urlpatterns = [
    path("committee/", views.meeting_list, name="meeting_list"),
    path("committee/new/", views.meeting_create, name="meeting_create"),
    path("committee/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("committee/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("committee/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("committee/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("committee/decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("committee/<int:pk>/actions/", views.action_add, name="action_add"),
    path("committee/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("committee/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("committee/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("committee/<int:pk>/minutes/<str:language>.pdf", views.minutes_pdf, name="minutes_pdf"),
]
