"""The pack's and the training's words: course names, statuses and goal statuses in the page's language."""

from __future__ import annotations

from flask_babel import lazy_gettext

from medflow.domain.figures import MIN_GROUP
from medflow.services.figures.report import Cell
from medflow.web.figures import words as figures_words

COURSES = {
    "statutory": lazy_gettext("The statutory work-environment training"),
    "supplementary": lazy_gettext("The yearly supplementary work-environment training"),
    "med": lazy_gettext("MED training"),
    "kommune_med": lazy_gettext("KommuneMED's one-day course"),
}
STATUSES = {"done": lazy_gettext("Done"), "due": lazy_gettext("Due"), "missing": lazy_gettext("Missing")}
GOAL_STATUSES = {
    "open": lazy_gettext("Open"),
    "met": lazy_gettext("Met"),
    "partly_met": lazy_gettext("Partly met"),
    "not_met": lazy_gettext("Not met"),
    "dropped": lazy_gettext("Dropped"),
}
SECTION_TITLES = {
    "collaboration": lazy_gettext("How the collaboration on safety and health is organised"),
    "meeting_intervals": lazy_gettext("Meeting intervals"),
    "competence_plan": lazy_gettext("Competence development of the work-environment organisation"),
}


def cell_text(kind: str, cell: list) -> str:
    """Return a stored [value, hidden] cell in words, as the key-figures page writes it."""
    return figures_words.cell_text(kind, Cell(cell[0], bool(cell[1])))


def template_helpers() -> dict:
    """Return what the pack and training templates use to put keys into words."""
    return {
        "course_label": lambda k: COURSES.get(k, ""),
        "status_label": lambda k: STATUSES.get(k, ""),
        "goal_status_label": lambda k: GOAL_STATUSES.get(k, ""),
        "section_titles": SECTION_TITLES,
        "figure_cell": cell_text,
        "table_titles": figures_words.TABLE_TITLES,
        "kind_titles": figures_words.KIND_TITLES,
        "min_group": MIN_GROUP,
        "courses": COURSES,
        "goal_statuses": GOAL_STATUSES,
        "we_labels": figures_words.WORK_ENVIRONMENT_LABELS,
    }
