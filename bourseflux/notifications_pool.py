"""E-mails to the other suppliers of a pool: the lead offer's company hears of the synergy like any
other (`notifications.interest_expressed`); each further supplier company is told that its offer is
collected together with others for the need, each opted-in member in their own language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bourseflux.models import Flow, SynergySupplier
from bourseflux.notifications import _load, _recipients
from circuito.accounts.models import User
from circuito.mail import send_mail


def pool_suppliers_told(synergy_id: int, actor_id: int, offer_ids: list[int]) -> int:
    """Tell the companies of `offer_ids` (newly added, not the lead) that their offer joined the
    pool of synergy `synergy_id`; returns the number of e-mails sent."""
    synergy = _load(synergy_id)
    actor = User.objects.filter(pk=actor_id).first()
    links = list(
        SynergySupplier.objects.filter(synergy=synergy).select_related("offer__organisation").order_by("position")
    )
    told = [link.offer for link in links if link.offer_id in set(offer_ids) and link.offer_id != synergy.offer_id]
    sent = 0
    for offer in told:
        for user in _recipients([offer.organisation_id], actor_id):
            _send(user, synergy, offer, actor, len(links))
            sent += 1
    return sent


def _send(user: User, synergy, offer: Flow, actor: User | None, suppliers: int) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "synergy": synergy,
            "user": user,  # the need's company may be listed anonymously
            "offer": offer,
            "offer_title": offer.title,  # in the reader's language, with fallback
            "need_title": synergy.need.title,
            "actor": actor,
            "others": suppliers - 1,
            "url": settings.SITE_URL + reverse("bourseflux:synergy_detail", args=[synergy.pk]),
        }
        subject = render_to_string("bourseflux/email/synergy_pool_subject.txt", context).strip()
        body = render_to_string("bourseflux/email/synergy_pool_body.txt", context)
    send_mail(f"[CIRCUITO] {subject}", body, None, [user.email], language=language)
