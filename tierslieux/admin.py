"""Admin of the Tiers-Lieux platform (each area registers its models in its own admin module)."""
