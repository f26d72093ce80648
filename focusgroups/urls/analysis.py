"""URLs of the analysis area."""

urlpatterns: list = []
