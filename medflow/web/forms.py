"""Flask-WTF forms for the pages; field names are the API's (a stable contract)."""

from __future__ import annotations

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from medflow.domain.limits import TEXT_MAX
from medflow.domain.topics import EMPTY_CATALOG, TopicCatalog

try:  # WTForms 3.3 wants choice objects; older versions take (value, label) pairs
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - depends on the installed WTForms
    def SelectChoice(value, label, render_kw=None, optgroup=None):  # noqa: N802 - stands in for the class
        """Return a (value, label) pair, the choice form older WTForms understands."""
        return value, label

REQUIRED = lazy_gettext("This field is required.")
TOO_LONG = lazy_gettext("At most %(max)d characters.")
CATEGORY_CHOICES = [
    ("physical", lazy_gettext("Physical working environment")),
    ("psychosocial", lazy_gettext("Psychosocial working environment")),
    ("accident", lazy_gettext("Accident")),
    ("near_miss", lazy_gettext("Near miss")),
    ("violence_threat", lazy_gettext("Violence or threats")),
]


def _required() -> DataRequired:
    return DataRequired(REQUIRED)


def _at_most(n: int) -> Length:
    return Length(max=n, message=TOO_LONG)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(lazy_gettext("Email"), validators=[_required(), _at_most(254)])
    password = PasswordField(lazy_gettext("Password"), validators=[_required()])


class NewCaseForm(FlaskForm):
    """What an employee fills in to open a case; the work-environment fields are conditional.

    A chosen topic decides the case type (and may bring a category), so the form follows it.
    """

    catalog: TopicCatalog = EMPTY_CATALOG
    topic = SelectField(lazy_gettext("What is it about?"), choices=[], validate_choice=False)
    workflow = RadioField(lazy_gettext("Case type"), choices=[], validate_choice=False)
    title = StringField(lazy_gettext("Title"), validators=[_required(), _at_most(TEXT_MAX["title"])])
    description = TextAreaField(lazy_gettext("Description"), validators=[_at_most(TEXT_MAX["description"])])
    confidential = BooleanField(lazy_gettext("Confidential (only the chair and vice chair may read it)"))
    category = SelectField(lazy_gettext("Category"), validate_choice=False,
                           choices=[SelectChoice(v, label) for v, label in [("", "—"), *CATEGORY_CHOICES]])
    location = StringField(lazy_gettext("Location"), validators=[_at_most(TEXT_MAX["location"])])
    what_happened = TextAreaField(lazy_gettext("What happened"),
                                  validators=[_at_most(TEXT_MAX["what_happened"])])

    def validate(self, extra_validators=None) -> bool:
        """Validate, and require a known case type and, for a work-environment task, a category."""
        ok = super().validate(extra_validators)
        topic_category = self._follow_topic()
        if self.topic.errors:
            ok = False
        if self.workflow.data not in {value for value, *_rest in self.workflow.choices}:
            self.workflow.errors = [*self.workflow.errors, lazy_gettext("Choose a case type.")]
            ok = False
        categories = [key for key, _label in CATEGORY_CHOICES]
        if self.workflow.data == "work_environment" and self.category.data not in categories \
                and not topic_category:
            self.category.errors = [*self.category.errors, lazy_gettext("Choose a category.")]
            ok = False
        return ok

    def set_topics(self, catalog: TopicCatalog, choices: list) -> None:
        """Offer `choices` (grouped topic options) and remember the catalog to follow a chosen topic."""
        self.catalog = catalog
        self.topic.choices = choices

    def follow_topic_on_first_show(self, key: str | None) -> None:
        """Preselect a topic (from ?topic=KEY) with its case type and category, if it is known."""
        topic = self.catalog.get(key) if key else None
        if topic is not None:
            self.topic.data = topic.key
            self.workflow.data = topic.workflow
            self.category.data = topic.category or self.category.data

    def _follow_topic(self) -> str | None:
        """Take the case type from the chosen topic; return the topic's category, if any."""
        key = self.topic.data or ""
        if not key:
            return None
        topic = self.catalog.get(key)
        if topic is None:
            self.topic.errors = [*self.topic.errors, lazy_gettext("Choose a topic from the list.")]
            return None
        self.workflow.data = topic.workflow
        return topic.category

    def chosen_topic(self) -> str | None:
        """Return the chosen topic's key, or None for "other / don't know"."""
        return self.topic.data or None

    def extra(self) -> dict[str, str]:
        """Return the workflow-specific fields for the service."""
        return {"category": self.category.data, "location": self.location.data,
                "what_happened": self.what_happened.data}
