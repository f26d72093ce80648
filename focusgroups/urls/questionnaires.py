"""URLs of the questionnaires area."""

urlpatterns: list = []
