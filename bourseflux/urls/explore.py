from django.urls import path

from bourseflux.views import explore

urlpatterns = [
    path("search/", explore.flow_list, name="flow_list"),
    path("map/", explore.flow_map, name="map"),
    path("map/flows.geojson", explore.flows_geojson, name="flows_geojson"),
    path("map/synergies.geojson", explore.synergies_geojson, name="synergies_geojson"),
    path("search/export/", explore.flow_export, name="flow_export"),
]
