"""Flask-WTF forms for the pages; field names are the API's (a stable contract)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from medflow.services.cases import MAX_DESCRIPTION, MAX_TITLE

CATEGORY_CHOICES = [
    ("physical", _l("Physical working environment")),
    ("psychosocial", _l("Psychosocial working environment")),
    ("accident", _l("Accident or near miss")),
    ("violence_threat", _l("Violence or threats")),
]


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class NewCaseForm(FlaskForm):
    """What an employee fills in to open a case; the work-environment fields are conditional."""

    workflow = RadioField(_l("Case type"), validators=[DataRequired()], choices=[])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=MAX_TITLE)])
    description = TextAreaField(_l("Description"), validators=[Length(max=MAX_DESCRIPTION)])
    confidential = BooleanField(_l("Confidential (only the chair and vice chair may read it)"))
    category = SelectField(_l("Category"), choices=[("", "—"), *CATEGORY_CHOICES], validators=[Optional()])
    location = StringField(_l("Location"), validators=[Length(max=200)])
    what_happened = TextAreaField(_l("What happened"), validators=[Length(max=MAX_DESCRIPTION)])

    def validate(self, extra_validators=None) -> bool:
        """Validate, and require a category for a work-environment task."""
        ok = super().validate(extra_validators)
        if self.workflow.data == "work_environment" and not self.category.data:
            self.category.errors = [*self.category.errors, _l("Choose a category.")]
            ok = False
        return ok

    def extra(self) -> dict[str, str]:
        """Return the workflow-specific fields for the service."""
        return {"category": self.category.data, "location": self.location.data,
                "what_happened": self.what_happened.data}
