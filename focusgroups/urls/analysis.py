"""URLs of the analysis area: progress, results, codebook, coding, SWOT, exports."""

from django.urls import path

from focusgroups.views import analysis, analysis_codebook, analysis_coding, analysis_exports, analysis_swot

urlpatterns = [
    path("analysis/", analysis.analysis_index, name="analysis_index"),
    path("analysis/themes/<int:pk>/edit/", analysis_codebook.theme_edit, name="theme_edit"),
    path("analysis/themes/<int:pk>/delete/", analysis_codebook.theme_delete, name="theme_delete"),
    path("analysis/codings/<int:pk>/delete/", analysis_coding.untag, name="coding_delete"),
    path("analysis/swot-items/<int:pk>/edit/", analysis_swot.swot_item_edit, name="swot_item_edit"),
    path("analysis/swot-items/<int:pk>/delete/", analysis_swot.swot_item_delete, name="swot_item_delete"),
    path("analysis/swot-items/<int:pk>/move/<str:direction>/", analysis_swot.swot_item_move, name="swot_item_move"),
    path("analysis/<str:code>/", analysis.analysis_overview, name="analysis_overview"),
    path("analysis/<str:code>/codebook/", analysis_codebook.codebook, name="codebook"),
    path("analysis/<str:code>/codebook.csv", analysis_codebook.codebook_csv, name="codebook_csv"),
    path("analysis/<str:code>/codebook.qdc", analysis_codebook.codebook_qdc, name="codebook_qdc"),
    path("analysis/<str:code>/material/", analysis_coding.material, name="material"),
    path("analysis/<str:code>/material/<str:kind>/<int:pk>/tag/", analysis_coding.tag, name="material_tag"),
    path("analysis/<str:code>/swot/", analysis_swot.swot_overview, name="swot"),
    path("analysis/<str:code>/swot/<int:region>/", analysis_swot.swot_region, name="swot_region"),
    path("analysis/<str:code>/export/", analysis_exports.export_answers, name="analysis_export"),
    path("analysis/<str:code>/synthesis/", analysis_exports.start_synthesis, name="analysis_synthesis"),
]
