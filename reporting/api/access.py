"""DRF permission classes of the reporting API, built on reporting.permissions."""

from rest_framework import permissions as drf

from reporting import permissions


class PartnerStaffRead(drf.BasePermission):
    """Partner staff read; writes are not offered by these endpoints."""

    def has_permission(self, request, view) -> bool:
        return request.method in drf.SAFE_METHODS and permissions.is_staff_member(request.user)
