"""URLs of the structure area."""

urlpatterns: list = []
