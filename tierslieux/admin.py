"""Admin of the Tiers-Lieux platform (each area registers its models in its own admin module)."""

from tierslieux import admin_booking, admin_events, admin_network, admin_places, admin_requests  # noqa: F401
