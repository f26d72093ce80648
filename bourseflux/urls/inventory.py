from django.urls import path

from bourseflux.views import inventory as views

urlpatterns = [
    path("organisations/<int:org_id>/inventories/", views.inventory_list, name="inventory_list"),
    path("inventories/<int:pk>/", views.inventory_form, name="inventory_form"),
    path("inventories/<int:pk>/review/", views.inventory_review, name="inventory_review"),
]
