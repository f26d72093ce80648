"""Models of the app, one module per area, all re-exported here."""

from focusgroups.models.analysis import Coding, SwotItem, Theme
from focusgroups.models.questionnaires import Invitation, Questionnaire, Response, ResponseAnswer
from focusgroups.models.reference import ActorCategory, ConsentText, Language, QuestionTag, Sector, Study
from focusgroups.models.sessions import Answer, Attachment, Participant, Quote, Session
from focusgroups.models.templates import Question, QuestionTemplate, Section, TemplateVersion

__all__ = [
    "ActorCategory",
    "Answer",
    "Attachment",
    "Coding",
    "ConsentText",
    "Invitation",
    "Language",
    "Participant",
    "Question",
    "QuestionTag",
    "QuestionTemplate",
    "Questionnaire",
    "Quote",
    "Response",
    "ResponseAnswer",
    "Section",
    "Session",
    "Sector",
    "Study",
    "SwotItem",
    "TemplateVersion",
    "Theme",
]
