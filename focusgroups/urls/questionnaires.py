"""URLs of the questionnaires area: the coordinator's pages, then the respondent's links
(personal /q/, public /p/, resume /r/), which need no account."""

from django.urls import path

from focusgroups.views import questionnaires as views
from focusgroups.views import questionnaires_respond as respond

urlpatterns = [
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:pk>/responses/", views.response_list, name="questionnaire_responses"),
    path("questionnaires/<int:pk>/do/<str:action>/", views.questionnaire_action, name="questionnaire_action"),
    path("invitations/<int:pk>/<str:action>/", views.invitation_action, name="invitation_action"),
    path("responses/<int:pk>/", views.response_detail, name="questionnaire_response"),
    path("q/<str:token>/", respond.respond, name="respond"),
    path("q/<str:token>/<int:step>/", respond.respond, name="respond_step"),
    path("q/<str:token>/saved/", respond.respond_saved, name="respond_saved"),
    path("q/<str:token>/thanks/", respond.respond_thanks, name="respond_thanks"),
    path("p/<str:token>/", respond.respond_public, name="respond_public"),
    path("r/<str:token>/", respond.resume, name="resume"),
    path("r/<str:token>/<int:step>/", respond.resume, name="resume_step"),
    path("r/<str:token>/saved/", respond.resume_saved, name="resume_saved"),
    path("r/<str:token>/thanks/", respond.resume_thanks, name="resume_thanks"),
]
