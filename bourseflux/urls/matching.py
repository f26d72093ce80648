from django.urls import path

from bourseflux.views import compare, pooling
from bourseflux.views import matching as views

urlpatterns = [
    path("flows/<int:pk>/candidates/", views.flow_candidates, name="flow_candidates"),
    path("flows/<int:pk>/candidates/page/", views.flow_candidates_page, name="flow_candidates_page"),
    path("flows/<int:pk>/compare/", compare.flow_compare, name="flow_compare"),
    path("flows/<int:pk>/pool/", pooling.pool_start, name="pool_start"),
    path("estimates/draft/", views.estimate_draft, name="estimate_draft"),
]
