"""Admin of project reporting (each area registers its models in its own admin module)."""

from reporting import admin_committees, admin_expenditure, admin_monitoring, admin_reports, admin_structure  # noqa: F401
