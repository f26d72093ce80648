"""Admin of the flux exchange (each area's models are registered in its own admin module)."""

from bourseflux import admin_flows, admin_reference, admin_synergies, admin_transactions, admin_zones  # noqa: F401
