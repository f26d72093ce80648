"""Admin of the flux exchange (each area's models are registered in its own admin module)."""

from bourseflux import (  # noqa: F401
    admin_flows,
    admin_inventory,
    admin_reference,
    admin_synergies,
    admin_transactions,
    admin_zones,
)
