from django.urls import path

from circuito.geo import views

app_name = "geo"
urlpatterns = [
    path("communes/autocomplete/", views.commune_autocomplete, name="commune_autocomplete"),
    path("communes/address/", views.address_match, name="address_match"),
]
