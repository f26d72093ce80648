from django.urls import path

from circuito.nace import views

app_name = "nace"
urlpatterns = [
    path("nace/autocomplete/", views.nace_autocomplete, name="autocomplete"),
]
