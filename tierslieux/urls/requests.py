"""Service requests and innovation demand and offer."""

from django.urls import path

from tierslieux.views import innovation, requests

urlpatterns = [
    path("p/<slug:slug>/request/", requests.request_create, name="request_create"),
    path("requests/", requests.my_requests, name="my_requests"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/messages/", requests.request_messages, name="request_messages"),
    path("requests/<int:pk>/status/", requests.request_status, name="request_status"),
    path("innovation/", innovation.innovation_list, name="innovation_list"),
    path("innovation/new/", innovation.innovation_create, name="innovation_create"),
    path("innovation/<int:pk>/", innovation.innovation_detail, name="innovation_detail"),
    path("innovation/<int:pk>/answer/", innovation.innovation_answer, name="innovation_answer"),
    path("innovation/<int:pk>/close/", innovation.innovation_close, name="innovation_close"),
    path("innovation/p/<slug:slug>/", innovation.innovation_matching, name="innovation_matching"),
]
