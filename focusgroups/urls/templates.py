"""URLs of the templates area."""

urlpatterns: list = []
