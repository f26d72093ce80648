"""URLs of the sessions area: sessions, participants, capture, quotes and attachments."""

from django.urls import path

from focusgroups.views import capture, participants, sessions

urlpatterns = [
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/<str:action>/", sessions.session_action, name="session_action"),
    path("sessions/<int:session_pk>/participants/new/", participants.participant_form, name="participant_create"),
    path("participants/<int:pk>/", participants.participant_form, name="participant_edit"),
    path("participants/<int:pk>/delete/", participants.participant_delete, name="participant_delete"),
    path("participants/<int:pk>/consent/", participants.participant_consent, name="participant_consent"),
    path("participants/<int:pk>/withdraw/", participants.participant_withdraw, name="participant_withdraw"),
    path("capture/<int:pk>/", capture.capture, name="capture"),
    path("capture/<int:pk>/answers/<int:question_pk>/", capture.answer_save, name="answer_save"),
    path("capture/<int:pk>/quotes/", capture.quote_add, name="quote_add"),
    path("quotes/<int:pk>/delete/", capture.quote_delete, name="quote_delete"),
    path("capture/<int:pk>/attachments/", capture.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", capture.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", capture.attachment_delete, name="attachment_delete"),
]
