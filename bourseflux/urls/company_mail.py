from django.urls import path

from bourseflux.views import company_mail as views

urlpatterns = [
    path("flows/<int:pk>/company-confirm/<str:token>/", views.flow_company_confirm, name="flow_company_confirm"),
    path("preferences/e-mails/", views.flow_mail_preferences, name="flow_mail_preferences"),
]
