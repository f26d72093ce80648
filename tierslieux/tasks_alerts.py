"""Periodic work of the alerts (Celery)."""

from celery import shared_task


@shared_task(name="tierslieux.tasks_alerts.send_alert_digests")
def send_alert_digests() -> int:
    """Weekly: each confirmed subscription gets what is new since its last digest (if anything)."""
    from tierslieux.services.alerts import send_alert_digests as send

    return send()
