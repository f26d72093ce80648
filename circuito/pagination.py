"""Pagination of every API list: clients may ask for bigger pages, within a bound, so that one
request cannot make the server serialise a whole table."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # read per request so a deployment (or a test) can change it
        return settings.API_MAX_PAGE_SIZE
