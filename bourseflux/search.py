"""Finding flows in one's own words: the shared search engine (circuito.search) over each flow's
search document, plus the codes the recognised concepts stand for and the company's name.

What a flow's document holds is what every reader of the flow sees: titles and descriptions in
both languages, commercial name, EWC code and both labels, material category (and its parent) in
both languages, physical state. Never what its confidentiality may hide from a reader
(quantities, prices, the site's name and address, the by-product check): a word that only such a
field holds must not find the flow. The company's name is shown with every flow on the list, the
map and the detail page, so a flow is also found by it — through the organisations' indexed
documents, deciding on the legal name alone (no thesaurus for proper names, not the commune), and
only among the flows the reader may already see.

A flow is found by any part of the query (a word, a synonym, a corrected typo, a code a concept
stands for, or the company's name): a weighted OR, where flows holding more of the query, and
holding it more exactly, come first. People describe a need in more words than a flow's title
holds ("sciure de sapin" finds "Sciure et copeaux de résineux").
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation

from bourseflux.models import EwcCode, Flow, MaterialCategory
from circuito.search import Query, document, matching, parse, rank, reasons
from circuito.search.query import PARTIAL, Slot
from circuito.search.sql import LINK_WEIGHT, window
from circuito.translated import text_and_language

FLOW_VOCABULARIES = ("thesaurus", "ewc", "materials")
# A code under a prefix a concept stands for (or a sub-category of its category) counts less.
UNDER_LINK = 0.6
# The categories a named trade typically gives off or takes count less than a named material.
TYPICAL_FLOW = 0.6
# A company's name says less about a flow than the flow's own words.
ORGANISATION_WEIGHT = 0.5
# A word held by more organisations than this is not a name ("srl", "société"): not used to find
# flows by their company.
ORGANISATION_LIMIT = 100
LANGUAGES = ("fr", "it")
# How many matches a search ranks at most (see search_flows): more than a list shows before it
# says "more than 1,000 flows", so that its count and pages stay what they were.
RANK_WINDOW = 2000


@lru_cache(maxsize=32)
def _state_labels(state: str) -> tuple[str, ...]:
    """The physical state's label in both languages (the catalogues do not change at run time)."""
    if not state or state == Flow.State.NOT_MATERIAL:  # "not a material" would match "material"
        return ()
    try:
        label = Flow.State(state).label
    except ValueError:
        return ()
    labels = []
    for language in LANGUAGES:
        with translation.override(language):
            labels.append(str(label))
    return tuple(labels)


def flow_search_document(flow) -> str:
    """The analysed keys of what every reader of `flow` sees (see the module's docstring). Works
    on historical models in migrations too."""
    category = flow.category
    parent = category.parent if category.parent_id else None
    ewc = flow.ewc if flow.ewc_id else None
    texts = [
        flow.title_fr,
        flow.title_it,
        flow.description_fr,
        flow.description_it,
        flow.commercial_name,
        category.name_fr,
        category.name_it,
    ]
    if parent is not None:
        texts += [parent.name_fr, parent.name_it]
    if ewc is not None:
        texts += [ewc.code.replace(" ", ""), ewc.code, ewc.label_fr, ewc.label_it]
    return document(*texts, *_state_labels(flow.physical_state))


def refresh_flow_documents(queryset: QuerySet[Flow], batch_size: int = 1000) -> int:
    """Recompute the search documents of `queryset` (after a category or EWC label changed);
    returns how many changed."""
    changed = 0
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = Flow.objects.filter(pk__in=pks[start : start + batch_size]).select_related("category__parent", "ewc")
        stale = []
        for flow in batch:
            wanted = flow_search_document(flow)
            if wanted != flow.search_document:
                flow.search_document = wanted
                stale.append(flow)
        Flow.objects.bulk_update(stale, ["search_document"])
        changed += len(stale)
    return changed


def material_words() -> list[str]:
    """Names of the material categories in both languages, for typo tolerance."""
    return [f"{fr} {it}" for fr, it in MaterialCategory.objects.values_list("name_fr", "name_it")]


def parse_flow_query(text: str, language: str) -> Query:
    """A query typed in a flow search box (whole words; thesaurus and typo tolerance on)."""
    # Materials, their uses and the trades that give them off or take them ("birrificio" finds
    # "Drêches de brasserie"): the thesaurus's Tiers-Lieux words say nothing of flows.
    return parse(text, language=language, vocabularies=FLOW_VOCABULARIES, domains=("m-", "u-", "a-"))


def _one_slot(query: Query, slot: Slot) -> Query:
    return Query(text=slot.text, language=query.language, slots=[slot])


def _holds(slot: Slot, search_document: str) -> bool:
    """Whether a document holds one of the slot's alternatives (what `matching` finds, in Python)."""

    def has(word) -> bool:
        return any((f" {key}" if word.prefix else f" {key} ") in search_document for key in word.keys)

    return any(all(has(word) for word in alternative.words) for alternative in slot.alternatives)


def _concept_links(query: Query, slot: Slot, scheme: str) -> dict[str, float]:
    """Codes of `scheme` that the concepts recognised in this slot stand for, with their weight."""
    found: dict[str, float] = {}
    for hit in query.concepts:
        if hit.text != slot.text:
            continue
        for link_scheme, code in hit.links:
            if link_scheme == scheme and hit.weight > found.get(code, 0.0):
                found[code] = hit.weight
    return found


@dataclass
class _SlotPlan:
    """How one part of the query finds flows besides its words: ids and their boost."""

    ewc: dict[int, float] = field(default_factory=dict)
    categories: dict[int, float] = field(default_factory=dict)
    organisations: list[int] = field(default_factory=list)

    def condition(self) -> Q:
        condition = Q()
        if self.ewc:
            condition |= Q(ewc_id__in=sorted(self.ewc))
        if self.categories:
            condition |= Q(category_id__in=sorted(self.categories))
        if self.organisations:
            # Flows listed anonymously are never found by their company's name.
            condition |= Q(organisation_id__in=self.organisations, hide_company=False)
        return condition


def _ewc_ids(codes: set[str]) -> list[tuple[int, str]]:
    if not codes:
        return []
    condition = Q()
    for code in sorted(codes):
        condition |= Q(code__startswith=code)
    return list(EwcCode.objects.filter(condition, level=EwcCode.Level.ENTRY).values_list("pk", "code"))


def _category_ids(codes: set[str]) -> tuple[list[tuple[int, str, str | None]], dict[str, int]]:
    """(pk, code, parent code) of the linked categories and their sub-categories; and the top
    category's pk of each linked sub-category (a flow filed under the top category alone may be
    of the linked kind: "Chaleur fatale" under Energy, for "vapeur")."""
    if not codes:
        return [], {}
    rows = MaterialCategory.objects.filter(Q(code__in=codes) | Q(parent__code__in=codes))
    rows = list(rows.values_list("pk", "code", "parent__code", "parent_id"))
    tops = {code: parent_id for _pk, code, _parent_code, parent_id in rows if code in codes and parent_id}
    return [(pk, code, parent_code) for pk, code, parent_code, _parent_id in rows], tops


@lru_cache(maxsize=256)
def _name_query(texts: tuple[str, ...], language: str) -> Query:
    """Words of the query as typed, to match names: proper names are indexed unstemmed, and
    neither the thesaurus nor typo correction applies to them. Depends on the words alone."""
    return parse(" ".join(texts), language=language, vocabularies=(), expand=False, stem=False)


def _name_holds(texts: tuple[str, ...], language: str, legal_name: str) -> bool:
    names = _name_query(texts, language)
    name = document(legal_name, stem=False)
    return not names.empty and all(_holds(slot, name) for slot in names.slots)


def _organisation_ids(query: Query, slots: list[Slot]) -> list[int]:
    """Organisations whose legal name holds every word of `slots` (the organisations' indexed
    documents narrow, the name decides: the commune they also hold is not a name). None when
    more than ORGANISATION_LIMIT bear them: such words are no name ("srl", "société")."""
    from circuito.accounts.models import Organisation

    texts = tuple(slot.text for slot in slots)
    names = _name_query(texts, query.language)
    if names.empty:
        return []
    queryset = Organisation.objects.all()
    rows = list(
        queryset.filter(matching(queryset, names, require_all=True))
        .order_by()
        .values_list("pk", "legal_name")[: ORGANISATION_LIMIT + 1]
    )
    if len(rows) > ORGANISATION_LIMIT:
        return []
    return [pk for pk, legal_name in rows if _name_holds(texts, query.language, legal_name)]


def _typical_categories(links: list[dict[str, float]]) -> list[dict[str, float]]:
    """Per slot: the material categories of the typical flows of the trades it names (NACE codes
    of the thesaurus's activities, `ActivityFlowProfile`), weighted TYPICAL_FLOW × the concept's
    weight. One query, only when a trade was named."""
    from bourseflux.models import ActivityFlowProfile

    wanted = {code for nace in links for code in nace}
    if not wanted:
        return [{} for _nace in links]
    # A profile may name the class, its group or its division ("16.10", "16.1", "16").
    prefixes = {code[:length] for code in wanted for length in (2, 4, 5)}
    rows = ActivityFlowProfile.objects.filter(nace_code__in=prefixes).values_list("nace_code", "category__code")
    profiles = list(rows)
    found = []
    for nace in links:
        categories: dict[str, float] = {}
        for code, weight in nace.items():
            for profile_code, category in profiles:
                if code.startswith(profile_code):
                    categories[category] = max(categories.get(category, 0.0), TYPICAL_FLOW * weight)
        found.append(categories)
    return found


def _plans(query: Query) -> list[_SlotPlan]:
    """One plan per slot: a few small indexed reads, whatever the number of flows."""
    typical = _typical_categories([_concept_links(query, s, "nace") for s in query.slots])
    links = []
    for slot, trade in zip(query.slots, typical, strict=True):
        material = _concept_links(query, slot, "material")
        for category, weight in trade.items():
            material[category] = max(material.get(category, 0.0), weight)
        links.append((_concept_links(query, slot, "ewc"), material))
    ewc_rows = _ewc_ids({code for ewc, _material in links for code in ewc})
    category_rows, tops = _category_ids({code for _ewc, material in links for code in material})
    plans = []
    for slot, (ewc_links, material_links) in zip(query.slots, links, strict=True):
        plan = _SlotPlan()
        for pk, code in ewc_rows:
            for linked, weight in ewc_links.items():
                if code.startswith(linked):
                    boost = LINK_WEIGHT * weight * (1.0 if code == linked else UNDER_LINK)
                    plan.ewc[pk] = max(plan.ewc.get(pk, 0.0), boost)
        for pk, code, parent_code in category_rows:
            for linked, weight in material_links.items():
                if linked in (code, parent_code):
                    boost = LINK_WEIGHT * weight * (1.0 if code == linked else UNDER_LINK)
                    plan.categories[pk] = max(plan.categories.get(pk, 0.0), boost)
        for linked, weight in material_links.items():
            if linked in tops:
                boost = LINK_WEIGHT * weight * UNDER_LINK * UNDER_LINK
                plan.categories[tops[linked]] = max(plan.categories.get(tops[linked], 0.0), boost)
        plan.organisations = _organisation_ids(query, [slot])
        plans.append(plan)
    return plans


def _boost(field_name: str, boosts: dict[int, float], **also) -> Case:
    by_weight: dict[float, list[int]] = {}
    for pk, weight in boosts.items():
        by_weight.setdefault(round(weight, 4), []).append(pk)
    whens = [
        When(**{f"{field_name}__in": sorted(pks)}, **also, then=Value(weight))
        for weight, pks in sorted(by_weight.items(), reverse=True)
    ]
    return Case(*whens, default=Value(0.0), output_field=FloatField())


def _rank(query: Query, plans: list[_SlotPlan], named: list[int]):
    """The engine's rank of the words (the best alternative of each part a flow holds, tested on
    the rows already found through the index), plus the boosts of linked codes and of the
    company's name."""
    total = rank(query)
    for plan in plans:
        if plan.organisations:
            total = total + _boost(
                "organisation_id", dict.fromkeys(plan.organisations, ORGANISATION_WEIGHT), hide_company=False
            )
    if named:
        total = total + _boost(
            "organisation_id", dict.fromkeys(named, ORGANISATION_WEIGHT * len(query.slots)), hide_company=False
        )
    ewc: dict[int, float] = {}
    categories: dict[int, float] = {}
    for plan in plans:
        for pk, weight in plan.ewc.items():
            ewc[pk] = max(ewc.get(pk, 0.0), weight)
        for pk, weight in plan.categories.items():
            categories[pk] = max(categories.get(pk, 0.0), weight)
    if ewc:
        total = total + _boost("ewc_id", ewc)
    if categories:
        total = total + _boost("category_id", categories)
    return Coalesce(total, Value(0.0), output_field=FloatField())


def search_flows(query: "str | Query", language: str, queryset: QuerySet[Flow] | None = None) -> QuerySet[Flow]:
    """Flows of `queryset` (all flows by default: pass the reader's visible flows) found by
    `query`, best first (`search_rank`, then newest). A flow is found when a part of the query is
    found by its words in either language (synonyms of the thesaurus, plural and other forms,
    corrected typos), by a code that a recognised concept stands for (EWC code, material
    category), or by the company's name; the more parts, the higher. An empty or meaningless
    query finds nothing."""
    queryset = Flow.objects.all() if queryset is None else queryset
    parsed = query if isinstance(query, Query) else parse_flow_query(query, language)
    if parsed.empty:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    plans = _plans(parsed)
    # Parts found by words only go into one full-text condition; the others add their ids. A
    # word naming waste in general ("scarti") finds nothing alone unless it is all the query.
    generic = all(slot.generic for slot in parsed.slots)
    plain = [
        slot
        for slot, plan in zip(parsed.slots, plans, strict=True)
        if not plan.condition() and (generic or not slot.generic)
    ]
    condition = Q()
    if plain:
        words_only = Query(text=parsed.text, language=parsed.language, slots=plain)
        condition |= matching(queryset, words_only)
    for slot, plan in zip(parsed.slots, plans, strict=True):
        if plan.condition():
            # A recognised phrase finds by its terms and codes; one of its words alone ranks what
            # is found ("organici" of "rifiuti organici" would find every organic flow).
            whole = Slot(slot.text, [a for a in slot.alternatives if a.weight > PARTIAL])
            condition |= matching(queryset, _one_slot(parsed, whole)) | plan.condition()
    # The whole query may be a company's name made of words too common to count one by one.
    named = _organisation_ids(parsed, parsed.slots) if len(parsed.slots) > 1 else []
    if named:
        condition |= Q(organisation_id__in=named, hide_company=False)
    # Only a bounded window of the matches is ranked (circuito.search.sql.window): flows found by
    # a code a concept stands for or by their company's name first, then the newest.
    ranked = queryset.filter(pk__in=window(queryset.filter(condition), RANK_WINDOW, _first_hits(plans, named)))
    return ranked.annotate(search_rank=_rank(parsed, plans, named)).order_by("-search_rank", "-pk")


def _first_hits(plans: list[_SlotPlan], named: list[int]) -> Q | None:
    """Flows found by an EWC code a recognised concept stands for, or by their company's name
    (never an anonymous one's): they enter the ranked window before newer word matches."""
    ewc = sorted({pk for plan in plans for pk in plan.ewc})
    organisations = sorted({pk for plan in plans for pk in plan.organisations} | set(named))
    first = Q()
    if ewc:
        first |= Q(ewc_id__in=ewc)
    if organisations:
        first |= Q(organisation_id__in=organisations, hide_company=False)
    return first or None


def flow_reasons(query: Query, flow: Flow) -> list[str]:
    """Why `flow` was found, part by part: the synonym or correction that matched its words
    ("sciure ↔ segatura"), the EWC code or category a recognised concept stands for ("sciure →
    03 01 05"), or its company's name. Reads only the flow and its category, parent category,
    code and organisation (no query when they are loaded)."""
    found: list[str] = []

    def add(reason: str) -> None:
        if reason not in found:
            found.append(reason)

    for typed, fixed in query.corrections.items():
        add(f"{typed} → {fixed}")

    ewc_code = flow.ewc.code if flow.ewc_id else ""
    categories = [flow.category]
    if flow.category.parent_id:
        categories.append(flow.category.parent)
    company = "" if flow.hide_company else flow.organisation.legal_name  # anonymous: never a reason
    # The company's name holding the whole query says so once; else each part it holds.
    whole_name = _name_holds(tuple(slot.text for slot in query.slots), query.language, company)
    if whole_name and not all(_holds(slot, flow.search_document) for slot in query.slots):
        add(f"{' '.join(slot.text for slot in query.slots)} → {company}")
    for slot in query.slots:
        if any(ewc_code.startswith(code) for code in _concept_links(query, slot, "ewc")) and ewc_code:
            add(f"{slot.text} → {ewc_code}")
        material = _concept_links(query, slot, "material")
        for category in categories:
            if category.code in material:
                add(f"{slot.text} → {text_and_language(category, 'name', query.language)[0]}")
        if _holds(slot, flow.search_document):
            for reason in reasons(_one_slot(query, slot), flow.search_document):
                add(reason)
        elif not whole_name and _name_holds((slot.text,), query.language, company):
            add(f"{slot.text} → {company}")
    return found


def annotate_flow_reasons(flows, query: Query | None) -> None:
    """Set `search_reasons` on each flow of a page of results."""
    for flow in flows:
        flow.search_reasons = flow_reasons(query, flow) if query is not None and not query.empty else []


# What feeds the documents of many flows at once: a category's names, an EWC code's labels.
_FED_BY = {MaterialCategory: ("name_fr", "name_it", "parent_id"), EwcCode: ("code", "label_fr", "label_it")}


def _texts(instance) -> tuple:
    return tuple(getattr(instance, name) for name in _FED_BY[type(instance)])


def remember_texts(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save: note what the row said, so that post_save refreshes flows only on a real change."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list(*_FED_BY[sender]).first()
    instance._search_texts_before = tuple(before) if before else None


def refresh_fed_flows(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save: recompute the documents of the flows whose category or code changed wording."""
    if raw or created or getattr(instance, "_search_texts_before", None) == _texts(instance):
        return
    if sender is MaterialCategory:
        refresh_flow_documents(Flow.objects.filter(Q(category=instance) | Q(category_root=instance)))
    else:
        refresh_flow_documents(Flow.objects.filter(ewc=instance))
