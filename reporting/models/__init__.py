"""Models of the app, one module per area, all re-exported here."""
