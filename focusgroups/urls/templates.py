"""URLs of the templates area."""

from django.urls import path

from focusgroups.views import templates as views

urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/<str:study>/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/start-edit/", views.template_start_edit, name="template_start_edit"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:version_pk>/sections/new/", views.section_form, name="section_create"),
    path("versions/<int:version_pk>/sections/<int:pk>/", views.section_form, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:section_pk>/questions/new/", views.question_form, name="question_create"),
    path("sections/<int:section_pk>/questions/<int:pk>/", views.question_form, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
]
