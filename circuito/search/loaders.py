"""Load the thesaurus files of `data/` into the tables. Idempotent: concepts, terms and links
missing from the tables are created, those the file no longer holds are removed, and what was
added or edited in the admin is never touched."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from circuito.search import thesaurus
from circuito.search.analysis import STOP_WORDS, words
from circuito.search.models import Concept, ConceptLink, Term, analyse_term

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("fr", "it", "en")


@dataclass
class Row:
    key: str
    terms: dict[str, list[str]]
    links: list[tuple[str, str]]
    serves: list[str]
    source: str


def read_rows(paths: list[Path] | None = None) -> list[Row]:
    """Every concept of the thesaurus files; raises ValueError on a malformed line."""
    rows: list[Row] = []
    for path in paths or sorted(DATA.glob("thesaurus_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, line in enumerate(csv.DictReader(handle), start=2):
                key = (line.get("key") or "").strip()
                if not key:
                    raise ValueError(f"{path.name}:{number}: a concept without key")
                terms = {
                    lang: [t.strip() for t in (line.get(lang) or "").split("|") if t.strip()] for lang in LANGUAGES
                }
                if not terms["fr"] or not terms["it"]:
                    raise ValueError(f"{path.name}:{number}: {key} needs French and Italian terms")
                links = []
                for link in (line.get("links") or "").split():
                    scheme, _, code = link.partition(":")
                    if scheme not in ConceptLink.Scheme.values or not code:
                        raise ValueError(f"{path.name}:{number}: {key}: unknown link {link!r}")
                    if scheme == "ewc":
                        code = " ".join(code[i : i + 2] for i in range(0, len(code), 2))
                    links.append((scheme, code))
                serves = (line.get("serves") or "").split()
                rows.append(Row(key, terms, links, serves, (line.get("source") or "").strip()))
    return rows


@transaction.atomic
def load_thesaurus(rows: list[Row] | None = None) -> dict[str, int]:
    """Bring the tables in line with the files; returns counts of what was created and removed."""
    rows = read_rows() if rows is None else rows
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"duplicate concept keys: {', '.join(duplicates)}")
    existing = {c.key: c for c in Concept.objects.all()}
    new = [
        Concept(key=r.key, label_fr=r.terms["fr"][0], label_it=r.terms["it"][0], source=r.source, from_file=True)
        for r in rows
        if r.key not in existing
    ]
    Concept.objects.bulk_create(new)
    concepts = {c.key: c for c in Concept.objects.all()}
    counts = {"concepts": len(new)}

    wanted_terms = {
        (concepts[r.key].pk, lang, text): index == 0
        for r in rows
        for lang in LANGUAGES
        for index, text in enumerate(dict.fromkeys(r.terms[lang]))
    }
    have_terms = {
        (c, lang, text): pk for pk, c, lang, text in Term.objects.values_list("pk", "concept_id", "language", "text")
    }
    file_terms = set(Term.objects.filter(from_file=True).values_list("concept_id", "language", "text"))
    Term.objects.bulk_create(
        [
            Term(
                concept_id=c,
                language=lang,
                text=text,
                preferred=preferred,
                from_file=True,
                analysed=analyse_term(text),
            )
            for (c, lang, text), preferred in wanted_terms.items()
            if (c, lang, text) not in have_terms
        ]
    )
    stale = [have_terms[k] for k in file_terms - set(wanted_terms)]
    Term.objects.filter(pk__in=stale).delete()
    # Terms analysed with another list of stop words ("maïs" was one, folded to "mais") are
    # analysed again; counting their words is cheap, stemming them all is not.
    outdated = []
    for term in Term.objects.only("pk", "text", "analysed"):
        if len(term.analysed) != sum(word not in STOP_WORDS for word in words(term.text)):
            term.analysed = analyse_term(term.text)
            outdated.append(term)
    Term.objects.bulk_update(outdated, ["analysed"], batch_size=1000)
    counts["terms_reanalysed"] = len(outdated)
    counts["terms"] = len(wanted_terms.keys() - have_terms.keys())
    counts["terms_removed"] = len(stale)

    wanted_links = {(concepts[r.key].pk, scheme, code) for r in rows for scheme, code in r.links}
    have_links = {
        (c, s, code): pk for pk, c, s, code in ConceptLink.objects.values_list("pk", "concept_id", "scheme", "code")
    }
    file_links = set(ConceptLink.objects.filter(from_file=True).values_list("concept_id", "scheme", "code"))
    ConceptLink.objects.bulk_create(
        [
            ConceptLink(concept_id=c, scheme=s, code=code, from_file=True)
            for c, s, code in wanted_links - have_links.keys()
        ]
    )
    ConceptLink.objects.filter(pk__in=[have_links[k] for k in file_links - wanted_links]).delete()
    counts["links"] = len(wanted_links - have_links.keys())

    through = Concept.serves.through
    have_serves = set(through.objects.values_list("from_concept_id", "to_concept_id"))
    wanted_serves = set()
    for row in rows:
        for served in row.serves:
            if served not in concepts:
                raise ValueError(f"{row.key} serves an unknown concept {served!r}")
            wanted_serves.add((concepts[row.key].pk, concepts[served].pk))
    through.objects.bulk_create([through(from_concept_id=a, to_concept_id=b) for a, b in wanted_serves - have_serves])
    counts["serves"] = len(wanted_serves - have_serves)
    thesaurus.changed()
    return counts
