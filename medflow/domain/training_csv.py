"""The training file (CSV): who took which course when, read and checked line by line like the figures.

Comma or semicolon, with or without a byte-order mark, Danish or English headers; a person is named
by e-mail, a course by its key or its Danish name, a date as 2026-03-14 or 14-03-2026. Every problem
is kept with its line, so the whole file is judged before anything is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from medflow.domain.errors import DefinitionError, Problem, _
from medflow.domain.figures_csv import FigureProblem, delimiter_of
from medflow.domain.training import COURSES, KOMMUNE_MED, MED, STATUTORY, SUPPLEMENTARY

COLUMNS = {
    "email": ("email", "e-mail", "mail", "e-mailadresse"),
    "course": ("course", "kursus", "uddannelse"),
    "taken_on": ("date", "taken_on", "dato", "gennemført", "gennemfoert", "afsluttet"),
    "note": ("note", "udbyder", "bemærkning", "bemaerkning"),
}
COURSE_NAMES = {  # what HR's and the course provider's lists call each course (lower case)
    STATUTORY: (
        "den lovpligtige arbejdsmiljøuddannelse",
        "lovpligtig arbejdsmiljøuddannelse",
        "arbejdsmiljøuddannelse",
        "arbejdsmiljøuddannelsen",
        "lovpligtig",
    ),
    SUPPLEMENTARY: (
        "supplerende arbejdsmiljøuddannelse",
        "den supplerende arbejdsmiljøuddannelse",
        "supplerende",
        "årlig supplerende uddannelse",
    ),
    MED: ("med-uddannelse", "med uddannelse", "meduddannelse", "med-uddannelsen"),
    KOMMUNE_MED: ("kommunemed-kursus", "kommunemeds endagskursus", "endagskursus", "kommunemed"),
}
EXAMPLE = "E-mail;Kursus;Dato"
MAX_NOTE = 200


@dataclass(frozen=True)
class TrainingRow:
    """One line of a training file: who (e-mail), which course, when, and a note."""

    line: int
    email: str
    course: str
    taken_on: date
    note: str = ""


def course_key(raw: str) -> str | None:
    """Return the course a file's cell names (its key or a Danish name), or None."""
    text = raw.strip().lower()
    if text in COURSES:
        return text
    return next((key for key, names in COURSE_NAMES.items() if text in names), None)


def parse_day(raw: str) -> date | None:
    """Read 2026-03-14, 14-03-2026 or 14.03.2026; None when it is no date."""
    text = raw.strip().replace(".", "-").replace("/", "-")
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = (parts[0], parts[1], parts[2]) if len(parts[0]) == 4 else (parts[2], parts[1], parts[0])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _row(
    cells: list[str], cols: dict[str, int], file: str, line: int, problems: list[Problem]
) -> TrainingRow | None:
    """Read one line; note its problems and return None when it cannot be used."""

    def cell(name: str) -> str:
        i = cols.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    found: list[Problem] = []
    email, course, day = cell("email").lower(), course_key(cell("course")), parse_day(cell("taken_on"))
    if "@" not in email:
        found.append(FigureProblem(file, line, _("%(value)r is not an e-mail address"), value=cell("email")))
    if course is None:
        found.append(
            FigureProblem(
                file,
                line,
                _("unknown course %(value)r; use one of %(courses)s"),
                value=cell("course"),
                courses=", ".join(COURSES),
            )
        )
    if day is None:
        found.append(
            FigureProblem(file, line, _("%(value)r is not a date (write 2026-03-14)"), value=cell("taken_on"))
        )
    problems += found
    return None if found else TrainingRow(line, email, course, day, cell("note")[:MAX_NOTE])


def parse_training_csv(text: str, file: str) -> tuple[list[TrainingRow], list[Problem]]:
    """Parse a training file; a wrong header raises DefinitionError, the rows' problems are returned."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(text))
    header = [h.strip().lower() for h in next(reader, [])]
    cols = {name: header.index(a) for name, aliases in COLUMNS.items() for a in aliases if a in header}
    missing = [c for c in ("email", "course", "taken_on") if c not in cols]
    if missing:
        raise DefinitionError(
            [
                FigureProblem(
                    file,
                    1,
                    _(
                        "the header must name the columns %(needed)s, for example "
                        "%(example)s (found: %(found)s)"
                    ),
                    needed=", ".join(missing),
                    example=EXAMPLE,
                    found=", ".join(header) or "-",
                )
            ]
        )
    rows: list[TrainingRow] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        row = _row(cells, cols, file, reader.line_num, problems)
        if row is None:
            continue
        key = (row.email, row.course, row.taken_on)
        if key in seen:
            problems.append(
                FigureProblem(
                    file,
                    row.line,
                    _("the same course and date for %(email)s is on line %(first)s too"),
                    email=row.email,
                    first=seen[key],
                )
            )
            continue
        seen[key] = row.line
        rows.append(row)
    return rows, problems
