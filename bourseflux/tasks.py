"""Periodic work of the flux exchange (Celery)."""

from celery import shared_task


@shared_task(name="bourseflux.tasks.send_match_digests")
def send_match_digests() -> int:
    """Daily: e-mail each flow author the candidates that appeared since their last digest."""
    from bourseflux.alerts import send_match_digests as send

    return send()
