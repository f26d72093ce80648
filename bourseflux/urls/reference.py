from django.urls import path

from bourseflux.views import reference

urlpatterns = [
    path("codes/", reference.codes, name="codes"),
    path("codes/ewc/autocomplete/", reference.ewc_autocomplete, name="ewc_autocomplete"),
    path("flows/<int:pk>/by-product-check/", reference.byproduct_check, name="flow_byproduct_check"),
    path("flows/<int:pk>/technical-sheet/", reference.technical_sheet, name="flow_technical_sheet"),
]
