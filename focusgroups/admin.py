"""Admin of the focus groups app (each area registers its models in its own admin module)."""

from focusgroups import (  # noqa: F401
    admin_analysis,
    admin_questionnaires,
    admin_reference,
    admin_sessions,
    admin_templates,
)
