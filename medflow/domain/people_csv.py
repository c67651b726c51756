"""The people file an HR or payroll system exports (CSV), parsed and checked line by line.

Columns (header names in English or Danish, comma or semicolon separated): e-mail, name, the
workplace as a committee key or a cost-centre code, and optionally roles such as
`lok-skole:chair; omr-born:member`. Every problem is reported with file and line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.org import EMAIL_RE

COLUMNS = {
    "email": ("email", "e-mail", "mail", "e-mailadresse"),
    "name": ("name", "navn", "fulde navn"),
    "workplace": ("workplace", "arbejdssted", "committee", "udvalg"),
    "cost_centre": ("cost_centre", "cost centre", "cost_center", "omkostningssted", "costcentre"),
    "roles": ("roles", "roller"),
}


@dataclass(frozen=True)
class PersonRow:
    """One person as the file describes them; the workplace is a key or a cost-centre code."""

    line: int
    email: str
    name: str
    workplace: str | None
    cost_centre: str | None
    roles: tuple[tuple[str, str], ...] | None  # None: the file has no roles column


@dataclass(frozen=True)
class PeopleFile:
    """A parsed people file: its rows and whether it speaks about roles at all."""

    file: str
    rows: tuple[PersonRow, ...]
    has_roles: bool
    problems: tuple[Problem, ...] = ()  # row problems; the import adds the organisation's and reports all


def _header_map(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    found = {}
    for column, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                found[column] = i
    return found


def _roles(raw: str, file: str, line: int, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    roles = []
    for part in (p.strip() for p in raw.replace(",", ";").split(";")):
        committee, sep, role = (s.strip() for s in part.partition(":"))
        if not part:
            continue
        if not sep or not committee or role not in COMMITTEE_ROLES:
            problems.append(Problem(file, line, f"role {part!r} must be COMMITTEE:ROLE with ROLE one of "
                                                f"{', '.join(COMMITTEE_ROLES)}"))
            continue
        roles.append((committee, role))
    return tuple(dict.fromkeys(roles))


def _row(cells: list[str], cols: dict[str, int], file: str, line: int, problems: list[Problem]) -> PersonRow:
    def cell(column: str) -> str:
        i = cols.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    email, name = cell("email").lower(), cell("name")
    if not EMAIL_RE.match(email):
        problems.append(Problem(file, line, f"e-mail {email!r} is missing or not an e-mail address"))
    if not name:
        problems.append(Problem(file, line, "name is missing"))
    if not cell("workplace") and not cell("cost_centre"):
        problems.append(Problem(file, line, "give a workplace (committee key) or a cost-centre code"))
    roles = _roles(cell("roles"), file, line, problems) if "roles" in cols else None
    return PersonRow(line, email, name, cell("workplace") or None, cell("cost_centre") or None, roles)


def _duplicates(rows: list[PersonRow], file: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        if row.email and row.email in first:
            problems.append(Problem(file, row.line,
                                    f"duplicate e-mail {row.email} (also on line {first[row.email]})"))
        first.setdefault(row.email, row.line)


def parse_people_csv(text: str, file: str) -> PeopleFile:
    """Parse the CSV text; a missing column raises DefinitionError, row problems are kept in `problems`."""
    text = text.lstrip("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    cols = _header_map(header)
    missing = [c for c in ("email", "name") if c not in cols]
    if missing or not ({"workplace", "cost_centre"} & cols.keys()):
        raise DefinitionError([Problem(file, 1, "the header must name the columns email, name and workplace "
                                                f"or cost_centre (found: {', '.join(header) or 'nothing'})")])
    problems: list[Problem] = []
    rows = [_row(cells, cols, file, reader.line_num, problems)
            for cells in reader if any(c.strip() for c in cells)]
    _duplicates(rows, file, problems)
    return PeopleFile(file, tuple(rows), "roles" in cols, tuple(problems))
