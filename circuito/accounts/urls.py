from django.urls import path

from circuito.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("account/profile/", views.profile, name="profile"),
    path("account/data/", views.my_data, name="my_data"),
    path("account/api-token/", views.api_token, name="api_token"),
    path("account/data/export/", views.export_my_data, name="export_my_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("organisations/", views.organisation_directory, name="organisation_directory"),
    path("organisations/mine/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/join/", views.organisation_join, name="organisation_join"),
    path("organisations/<slug:slug>/export/", views.organisation_export, name="organisation_export"),
    path("organisations/<slug:slug>/members/", views.organisation_members, name="organisation_members"),
    path("organisations/<slug:slug>/members/<int:pk>/decide/", views.membership_decide, name="membership_decide"),
    path("organisations/<slug:slug>/members/<int:pk>/role/", views.membership_update, name="membership_update"),
    path("organisations/<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
]
