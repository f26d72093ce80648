"""URLs of the sessions area."""

urlpatterns: list = []
