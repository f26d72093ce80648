"""Aggregations computed from the records: theme counts, closed questions, participants, progress,
material. Withdrawn participants and sessions not sent to the coordinator are left out."""

import pytest

from focusgroups import selectors_analysis as sel
from focusgroups.models import ActorCategory, Session
from tests.focusgroups.factories_analysis import build_analysis_world


@pytest.fixture
def aw(db):
    return build_analysis_world()


def test_theme_counts_by_territory_category_sector(aw):
    counts = sel.theme_counts(aw.w.study)
    territory = counts["territory"]
    reg, lang = aw.regulatory.pk, aw.language.pk
    paca, lig = str(aw.paca_region.pk), str(aw.liguria.pk)
    # The withdrawn participant's quote does not count: 1 in PACA (quote), 1 in Liguria (answer).
    assert territory.cells[(reg, paca)] == 1 and territory.cells[(reg, lig)] == 1
    assert territory.totals[reg] == 2
    # The questionnaire answer from Imperia counts for Liguria.
    assert territory.cells[(lang, lig)] == 2 and (lang, paca) not in territory.cells
    assert counts["category"].cells[(reg, "company")] == 1 and counts["category"].cells[(reg, "research")] == 1
    assert counts["category"].cells[(lang, "company")] == 1  # the respondent's category
    sector = counts["sector"]
    assert sector.cells[(reg, "agrifood")] == 1 and sector.cells[(lang, "")] == 1
    assert "" in [value for value, _label in sector.columns]
    rows = {r["theme"].code: r for r in territory.rows()}
    assert rows["obstacles"]["total"] == 0 and rows["regulatory"]["depth"] == 1
    assert rows["obstacles"]["with_children"] == 2 and rows["language"]["with_children"] == 2


def test_theme_counts_for_one_region(aw):
    counts = sel.theme_counts(aw.w.study, region=aw.paca_region.pk)["category"]
    assert counts.totals == {aw.regulatory.pk: 1}


def test_closed_questions_across_sessions_and_questionnaires(aw):
    results = {r.key: r for r in sel.closed_questions(aw.w.study)}
    single = dict(results["main-obstacle"].distribution)
    assert single == {"Réglementation": 2, "Technologie": 1, "Financement": 0}  # planned session left out
    assert dict(results["obstacles-all"].distribution) == {"Réglementation": 1, "Technologie": 2, "Financement": 0}
    scale = results["cooperation"]
    assert scale.n == 3 and scale.mean == 3.0 and dict(scale.distribution) == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0}
    yes_no = results["partner-abroad"]
    assert [n for _l, n in yes_no.distribution] == [2, 1]
    number = results["projects"]
    assert (number.n, number.mean, number.minimum, number.maximum) == (3, 6.0, 3.0, 10.0)
    assert "obstacles" not in results  # open questions are coded, not counted


def test_closed_questions_for_one_region(aw):
    results = {r.key: r for r in sel.closed_questions(aw.w.study, region=aw.liguria.pk)}
    assert results["cooperation"].n == 2 and results["cooperation"].mean == 2.5


def test_participants_by_category_excludes_withdrawn_and_absent(aw):
    counts = dict(sel.participants_by_category(aw.w.study))
    assert counts == {str(ActorCategory.COMPANY.label): 1, str(ActorCategory.RESEARCH.label): 2}


def test_progress_per_partner_and_territory(aw):
    row = sel.progress([aw.w.study])[0]
    assert (row.held, row.validated, row.responses) == (2, 1, 1)
    assert row.percent == 10  # 2 of 20
    partners = {r.label: (r.held, r.validated) for r in row.by_partner}
    assert partners == {"Regione Liguria (LIG)": (1, 0), "Région Sud (PACA)": (1, 1)}
    territories = {r.label: r.held for r in row.by_territory}
    assert territories == {"Ligurie": 1, "Provence-Alpes-Côte d'Azur": 1}


def test_material_excludes_withdrawn_and_unsent(aw):
    items = sel.material(aw.w.study)
    kinds = {(i.kind, i.obj.pk) for i in items[0:100]}
    assert ("quote", aw.quote_fr.pk) in kinds and ("quote", aw.quote_it.pk) in kinds
    assert ("quote", aw.quote_withdrawn.pk) not in kinds
    assert ("response", aw.response_text.pk) in kinds
    answers = [i for i in items[0:100] if i.kind == "answer"]
    assert {a.obj.session_id for a in answers} == {aw.fr_session.pk, aw.it_session.pk}
    assert all(a.obj.question.kind == "text" for a in answers)
    Session.objects.filter(pk=aw.it_session.pk).update(
        status=Session.Status.RETURNED, return_comment="Ajoutez les notes"
    )
    assert ("quote", aw.quote_it.pk) not in {(i.kind, i.obj.pk) for i in sel.material(aw.w.study)[0:100]}


def test_material_filters(aw):
    study = aw.w.study
    only_fr = sel.material(study, {"territory": aw.paca_region.pk})[0:100]
    assert {i.kind for i in only_fr} == {"quote", "answer"}
    uncoded = sel.material(study, {"uncoded": True})[0:100]
    assert ("quote", aw.quote_it.pk) in {(i.kind, i.obj.pk) for i in uncoded}
    assert aw.quote_fr.pk not in {i.obj.pk for i in uncoded if i.kind == "quote"}
    by_theme = sel.material(study, {"theme": aw.language.pk})[0:100]
    assert {(i.kind, i.obj.pk) for i in by_theme} == {("answer", aw.it_answer.pk), ("response", aw.response_text.pk)}
    assert sel.material(study, {"sector": "agrifood"}).count() == 2  # quote + answer of the French session
    assert sel.material(study, {"category": "company", "question": "obstacles"}).counts() == [1, 1, 1]


def test_material_pages_span_the_three_kinds(aw):
    items = sel.material(aw.w.study)
    total = items.count()
    assert total == 5
    assert [i.kind for i in items[0:total]] == ["quote", "quote", "answer", "answer", "response"]
    assert [i.kind for i in items[1:4]] == ["quote", "answer", "answer"]


def test_codebook_tree_puts_children_under_parents(aw):
    assert [(t.code, d) for t, d in sel.codebook_tree(aw.w.study)] == [
        ("obstacles", 0),
        ("regulatory", 1),
        ("language", 0),
    ]
