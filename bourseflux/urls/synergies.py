from django.urls import path

from bourseflux.views import synergies as views
from bourseflux.views.synergies_funnel import funnel

urlpatterns = [
    path("synergies/", views.synergy_list, name="synergy_list"),
    path("synergies/start/", views.synergy_start, name="synergy_start"),
    path("synergies/dashboard/", views.synergy_dashboard, name="synergy_dashboard"),
    path("synergies/funnel/", funnel, name="funnel"),
    path("synergies/impact-method/", views.impact_method, name="impact_method"),
    path("synergies/<int:pk>/", views.synergy_detail, name="synergy_detail"),
    path("synergies/<int:pk>/messages/", views.synergy_messages, name="synergy_messages"),
    path("synergies/<int:pk>/stage/", views.synergy_stage, name="synergy_stage"),
    path("synergies/<int:pk>/impact/", views.synergy_impact, name="synergy_impact"),
    path("synergies/<int:pk>/follow/", views.synergy_follow, name="synergy_follow"),
]
