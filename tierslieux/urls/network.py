from django.urls import path

from tierslieux.views import home, network

urlpatterns = [
    # TODO(lead): "" once the directory moves off the root (see report)
    path("", home.home, name="home"),
    path("news/", network.news_list, name="news_list"),
    path("news/<int:pk>/", network.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", network.news_edit, name="news_edit"),
    path("p/<slug:slug>/news/new/", network.news_create, name="news_create"),
    path("projects/", network.project_list, name="project_list"),
    path("projects/new/", network.project_create, name="project_create"),
    path("projects/<slug:slug>/", network.project_detail, name="project_detail"),
    path("projects/<slug:slug>/edit/", network.project_edit, name="project_edit"),
    path("seminars/", network.seminar_list, name="seminar_list"),
    path("seminars/new/", network.seminar_edit, name="seminar_create"),
    path("seminars/<int:pk>/", network.seminar_edit, name="seminar_edit"),
    path("alerts/", network.alerts_subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<str:token>/", network.alerts_confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", network.alerts_unsubscribe, name="alerts_unsubscribe"),
]
