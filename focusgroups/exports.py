"""Exports of a study's analysis: answers and notes (CSV, XLSX), the codebook (CSV, REFI-QDA .qdc).

Pseudonymised: participants appear by pseudonym only, never by name or organisation; quotes of
withdrawn participants are left out; questionnaire respondents appear by response number.
CSV uses ";" and a UTF-8 byte-order mark so French and Italian spreadsheet programs open it in columns.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, csv_bytes, xlsx_bytes
from circuito.translated import localized
from focusgroups.models import Answer, Coding, Question, Quote, ResponseAnswer, Study
from focusgroups.selectors_analysis import codebook_tree, material_sessions, submitted_responses

XLSX = XLSX_CONTENT_TYPE
CSV = CSV_CONTENT_TYPE
QDC = "application/xml"


def session_ref(session) -> str:
    """A stable reference that names no person: study, organising partner, number."""
    partner = session.organiser.partner_code or session.organiser_id
    return f"{session.study.code}-{partner}-{session.pk}"


def _territory(t) -> str:
    return (localized(t, "name")["text"] or t.name) if t else ""


def _value_text(question, value, language: str) -> str | int | float:
    if value is None or value == "" or value == []:
        return ""
    if question.kind == "yes_no":
        return _("Yes") if value else _("No")
    if question.kind == "single":
        return question.choice_label(value, language)
    if question.kind == "multiple":
        return ", ".join(question.choice_label(v, language) for v in value)
    if question.kind in ("number", "scale") and isinstance(value, int | float) and not isinstance(value, bool):
        return value  # a number in the spreadsheet, even a negative one
    return str(value)


def _themes(obj) -> str:
    return ", ".join(sorted(c.theme.code for c in obj.codings.all()))


def answer_columns() -> list[str]:
    return [
        _("Source"),
        _("Study"),
        _("Reference"),
        _("Region"),
        _("Department / province"),
        _("Actor category"),
        _("Sector"),
        _("Date"),
        _("Question key"),
        _("Question"),
        _("Answer"),
        _("Notes"),
        _("Themes"),
    ]


def _theme_codes(field: str, targets) -> dict[int, str]:
    """{target id: "code, code"} of the codings on `targets` (one query, no model instances)."""
    codes: dict[int, list[str]] = defaultdict(list)
    for target, code in Coding.objects.filter(**{f"{field}__in": targets}).values_list(field, "theme__code"):
        codes[target].append(code)
    return {target: ", ".join(sorted(c)) for target, c in codes.items()}


class _Questions(dict):
    """The study's questions by pk with their text in the current language, read once; a question of
    another study (never expected) is read when met."""

    def __init__(self, study: Study):
        super().__init__((q.pk, q) for q in Question.objects.filter(version__template__study=study))
        self.texts = {pk: localized(q, "text")["text"] for pk, q in self.items()}

    def __missing__(self, pk: int) -> Question:
        q = self[pk] = Question.objects.get(pk=pk)
        self.texts[pk] = localized(q, "text")["text"]
        return q


def answer_rows(study: Study, language: str) -> Iterator[list]:
    """One row per answer of the study's material sessions, then per questionnaire answer.

    Questionnaire answers are the bulk (every question of every response): they are read as plain
    values, with their responses, questions and themes looked up once, so that building a row
    costs no model instance."""
    questions = _Questions(study)
    sessions = material_sessions(study)
    answers = (
        Answer.objects.filter(session__in=sessions)
        .select_related("session__study", "session__organiser", "session__region", "session__department")
        .order_by("session__date", "session_id", "question__section__order", "question__order")
    )
    themes = _theme_codes("answer", Answer.objects.filter(session__in=sessions).values("pk"))
    for a in answers:
        s = a.session
        question = questions[a.question_id]
        yield [
            _("Focus group"),
            study.code,
            session_ref(s),
            _territory(s.region),
            _territory(s.department),
            s.get_actor_category_display(),
            s.get_sector_display() if s.sector else "",
            s.date,
            question.key,
            questions.texts[question.pk],
            _value_text(question, a.value, language),
            a.notes,
            themes.get(a.pk, ""),
        ]
    submitted = submitted_responses(study)
    responses = {r.pk: r for r in submitted.select_related("territory__parent")}
    rows = (
        ResponseAnswer.objects.filter(response__in=submitted)
        .order_by("response__submitted_at", "response_id", "question__section__order", "question__order")
        .values_list("pk", "response_id", "question_id", "value")
    )
    themes = _theme_codes("response_answer", ResponseAnswer.objects.filter(response__in=submitted).values("pk"))
    for pk, response_id, question_id, value in rows:
        resp = responses[response_id]
        question = questions[question_id]
        territory = resp.territory
        region, department = (
            (territory.parent, territory)
            if territory and territory.level == "department"
            else (
                territory,
                None,
            )
        )
        yield [
            _("Questionnaire"),
            study.code,
            f"{study.code}-Q{resp.questionnaire_id}-R{resp.pk}",
            _territory(region),
            _territory(department),
            resp.get_category_display() if resp.category else "",
            "",
            timezone.localdate(resp.submitted_at),
            question.key,
            questions.texts[question.pk],
            _value_text(question, value, language),
            "",
            themes.get(pk, ""),
        ]


def quote_columns() -> list[str]:
    return [
        _("Study"), _("Reference"), _("Region"), _("Date"), _("Question key"),
        _("Participant"), _("Quote"), _("Language"), _("Themes"),
    ]  # fmt: skip


def quote_rows(study: Study) -> Iterator[list]:
    quotes = (
        Quote.objects.active()
        .filter(session__in=material_sessions(study))
        .select_related("session__study", "session__organiser", "session__region", "participant", "question")
        .prefetch_related(Prefetch("codings", queryset=Coding.objects.select_related("theme")))
        .order_by("session__date", "session_id", "pk")
    )
    for q in quotes:
        yield [
            study.code,
            session_ref(q.session),
            _territory(q.session.region),
            q.session.date,
            q.question.key if q.question_id else "",
            q.participant.pseudonym if q.participant_id else "",
            q.text,
            q.language,
            _themes(q),
        ]


def answers_csv(study: Study, language: str) -> bytes:
    return csv_bytes(answer_columns(), answer_rows(study, language))


def answers_xlsx(study: Study, language: str) -> bytes:
    return xlsx_bytes(
        [
            Sheet(_("Answers"), answer_rows(study, language), header=answer_columns()),
            Sheet(_("Quotes"), quote_rows(study), header=quote_columns()),
        ]
    )


# Codebook -----------------------------------------------------------------------------------------


def codebook_csv(study: Study) -> bytes:
    header = [
        _("Code"),
        _("Parent"),
        _("Label (French)"),
        _("Label (Italian)"),
        _("Description (French)"),
        _("Description (Italian)"),
        _("Shared"),
    ]
    rows = (
        [
            theme.code,
            theme.parent.code if theme.parent_id else "",
            theme.label_fr,
            theme.label_it,
            theme.description_fr,
            theme.description_it,
            _("Yes") if theme.study_id is None else _("No"),
        ]
        for theme, _depth in codebook_tree(study)
    )
    return csv_bytes(header, rows)


QDA_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("5b0c2f40-7c1e-4d1a-9a6e-0c1f2ca7a0de")


def theme_guid(theme) -> str:
    """Stable across exports, so that a re-import into NVivo or ATLAS.ti updates rather than duplicates."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{theme.study_id or 'shared'}:{theme.code}"))


def codebook_qdc(study: Study, language: str) -> bytes:
    """The codebook in the REFI-QDA Codebook Exchange format (.qdc), labels in `language`."""
    ET.register_namespace("", QDA_NS)
    root = ET.Element(f"{{{QDA_NS}}}CodeBook", {"origin": "CIRCUITO"})
    codes = ET.SubElement(root, f"{{{QDA_NS}}}Codes")
    elements = {}
    other = "it" if language == "fr" else "fr"
    for theme, _depth in codebook_tree(study):
        parent = elements.get(theme.parent_id, codes)
        name = getattr(theme, f"label_{language}") or getattr(theme, f"label_{other}") or theme.code
        element = ET.SubElement(
            parent, f"{{{QDA_NS}}}Code", {"guid": theme_guid(theme), "name": name, "isCodable": "true"}
        )
        description = getattr(theme, f"description_{language}") or getattr(theme, f"description_{other}")
        if description:
            ET.SubElement(element, f"{{{QDA_NS}}}Description").text = description
        elements[theme.pk] = element
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
