"""Anonymous listing: a company may hide its name on a flow (`Flow.hide_company`). Readers then see
"a company in <department/province>" (in their language) until the company answers them: once it
opened, wrote in or moved a synergy on that flow, the other companies of that synergy see its name.
Everyone else still does not. Facilitators (and staff) and the company's own members always do.

Views and serializers ask `company_name(user, flow)`, or `reveal(user, flows)` first for a list
(a constant number of queries for the whole page).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from bourseflux.models import Flow, Synergy, SynergyMessage, SynergyStageChange, SynergySupplier
from bourseflux.permissions import is_facilitator, member_organisation_ids
from circuito.accounts.models import Membership

_ATTR = "_company_shown"


def anonymous_label(flow: Flow) -> str:
    """What readers see instead of the name, in the active language."""
    return label_for(flow.department.name if flow.department_id else "")


def label_for(place: str) -> str:
    if not place:
        return _("A company")
    return _("A company in %(place)s") % {"place": place}


def sees_everything(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_staff or is_facilitator(user)))


def hidden_from(user, flows: Iterable[tuple[int, int]]) -> set[int]:
    """Of hidden flows given as (id, company id), the ids whose company `user` may not read."""
    flows = list(flows)
    if not flows or sees_everything(user):
        return set()
    mine = member_organisation_ids(user) if user and user.is_authenticated else set()
    strangers = {pk: org for pk, org in flows if org not in mine}
    return set(strangers) - (_answered_to(mine, strangers) if mine else set())


def _reader(user) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def reveal(user, flows: Iterable[Flow]) -> None:
    """Decide, for each flow, whether `user` reads its company's name. Kept on the flow per reader:
    one loaded flow may be rendered for several recipients (e-mails)."""
    flows = list(flows)
    hidden = hidden_from(user, [(f.pk, f.organisation_id) for f in flows if f.hide_company])
    reader = _reader(user)
    for flow in flows:
        decided = flow.__dict__.setdefault(_ATTR, {})
        decided[reader] = flow.pk not in hidden


def may_see_company(user, flow: Flow) -> bool:
    if _reader(user) not in flow.__dict__.get(_ATTR, {}):
        reveal(user, [flow])
    return flow.__dict__[_ATTR][_reader(user)]


def company_name(user, flow: Flow) -> str:
    """The company's legal name, or the anonymous label when `user` may not read it."""
    return flow.organisation.legal_name if may_see_company(user, flow) else anonymous_label(flow)


def _answered_to(mine: set[int], owner: dict[int, int]) -> set[int]:
    """Ids of the flows (`owner`: flow id -> company id) whose company answered, on a synergy of
    that flow, a company in `mine`."""
    if not owner:
        return set()
    ids = set(owner)
    on_flow = Q(offer_id__in=ids) | Q(need_id__in=ids) | Q(supplier_links__offer_id__in=ids)
    synergies = {
        pk: (offer, need, offer_org, need_org, initiator)
        for pk, offer, need, offer_org, need_org, initiator in Synergy.objects.filter(on_flow)
        .order_by()
        .distinct()
        .values_list("pk", "offer_id", "need_id", "offer__organisation_id", "need__organisation_id", "initiator_id")
    }
    if not synergies:
        return set()
    flows_of: dict[int, set[int]] = defaultdict(set)  # synergy -> its flows
    orgs_of: dict[int, set[int]] = defaultdict(set)  # synergy -> its companies
    answering: dict[int, set[int]] = defaultdict(set)  # synergy -> companies that answered in it
    for pk, (offer, need, offer_org, need_org, initiator) in synergies.items():
        flows_of[pk].update((offer, need))
        orgs_of[pk].update((offer_org, need_org))
        answering[pk].add(initiator)
    for pk, offer, org in SynergySupplier.objects.filter(synergy_id__in=synergies).values_list(
        "synergy_id", "offer_id", "offer__organisation_id"
    ):
        flows_of[pk].add(offer)
        orgs_of[pk].add(org)
    for pk, org in SynergyMessage.objects.filter(synergy_id__in=synergies).values_list("synergy_id", "organisation_id"):
        answering[pk].add(org)
    movers = SynergyStageChange.objects.filter(synergy_id__in=synergies, by__isnull=False).values_list(
        "synergy_id", "by_id"
    )
    member_orgs: dict[int, set[int]] = defaultdict(set)
    moves = list(movers)
    for user_id, org in Membership.objects.filter(
        user_id__in={by for _pk, by in moves}, status=Membership.Status.ACTIVE
    ).values_list("user_id", "organisation_id"):
        member_orgs[user_id].add(org)
    for pk, by in moves:
        answering[pk].update(member_orgs[by])
    found = set()
    for pk in synergies:
        for flow_id in flows_of[pk] & ids:
            company = owner[flow_id]
            if company in answering[pk] and (orgs_of[pk] - {company}) & mine:
                found.add(flow_id)
    return found
