from django.urls import path

from bourseflux.views import transactions as views

urlpatterns = [
    path("synergies/<int:pk>/deal/", views.transaction_detail, name="transaction_detail"),
    path("synergies/<int:pk>/deal/edit/", views.transaction_edit, name="transaction_edit"),
    path("synergies/<int:pk>/deal/quantities/", views.actual_quantity_add, name="actual_quantity_add"),
    path("synergies/<int:pk>/deal/documents/", views.transaction_document_add, name="transaction_document_add"),
    path(
        "synergies/<int:pk>/deal/documents/<int:document_pk>/",
        views.transaction_document_download,
        name="transaction_document_download",
    ),
]
