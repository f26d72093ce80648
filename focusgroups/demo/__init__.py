"""Demo data for `make run`, one module per area, loaded in this order. Idempotent."""
