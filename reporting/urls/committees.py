"""URLs of the committees area."""

urlpatterns: list = []
