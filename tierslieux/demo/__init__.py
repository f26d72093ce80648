"""Demo data of the Tiers-Lieux platform beyond the places (called by load_tierslieux_demo)."""
