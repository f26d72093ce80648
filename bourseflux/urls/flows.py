from django.urls import path

from bourseflux.views import flows, sites

urlpatterns = [
    path("", flows.home, name="home"),
    path("mine/", flows.my_flows, name="my_flows"),
    path("flows/new/", flows.flow_create, name="flow_create"),
    path("flows/<int:pk>/", flows.flow_detail, name="flow_detail"),
    path("flows/<int:pk>/edit/", flows.flow_edit, name="flow_edit"),
    path("flows/<int:pk>/publish/", flows.flow_publish, name="flow_publish"),
    path("flows/<int:pk>/archive/", flows.flow_archive, name="flow_archive"),
    path("flows/<int:pk>/confirm/", flows.flow_confirm_estimate, name="flow_confirm_estimate"),
    path("files/<int:pk>/", flows.attachment_download, name="attachment_download"),
    path("files/<int:pk>/delete/", flows.attachment_delete, name="attachment_delete"),
    path("organisations/<int:org_id>/sites/", sites.site_list, name="site_list"),
    path("organisations/<int:org_id>/sites/new/", sites.site_create, name="site_create"),
    path("sites/<int:pk>/edit/", sites.site_edit, name="site_edit"),
]
