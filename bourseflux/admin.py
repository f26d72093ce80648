"""Admin of the flux exchange (each area's models are registered in its own admin module)."""
