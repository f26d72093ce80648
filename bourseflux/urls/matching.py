from django.urls import path

from bourseflux.views import matching as views

urlpatterns = [
    path("flows/<int:pk>/candidates/", views.flow_candidates, name="flow_candidates"),
    path("flows/<int:pk>/candidates/page/", views.flow_candidates_page, name="flow_candidates_page"),
    path("estimates/draft/", views.estimate_draft, name="estimate_draft"),
]
