"""URLs of the expenditure area."""

urlpatterns: list = []
