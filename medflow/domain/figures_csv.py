"""The key-figure files HR and the survey provider export (CSV), parsed and checked line by line.

Comma or semicolon separated, with or without a byte-order mark, headers in Danish or English,
numbers with a decimal comma or point. Every problem is kept with its line, so the whole file is
judged before anything is written (the import adds the organisation's problems and reports all).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from medflow.domain.errors import DefinitionError, Problem, _
from medflow.domain.figures import KINDS, WHOLE_YEAR, FigureRow, working_days

COMMON = {
    "workplace": ("workplace", "arbejdssted", "committee", "udvalg"),
    "cost_centre": ("cost_centre", "cost centre", "cost_center", "omkostningssted", "costcentre"),
    "year": ("year", "år", "aar"),
    "month": ("month", "måned", "maaned", "md"),
}
# Per kind: the value columns (name: (aliases, whole number?, required?)).
VALUES = {
    "sickness": {"days": (("absence_days", "absence days", "days", "fraværsdage", "sygefraværsdage",
                           "sygedage"), False, True),
                 "fte": (("fte", "årsværk", "fuldtidsstillinger", "fuldtidsansatte"), False, True)},
    "wellbeing": {"score": (("score", "resultat", "point"), False, True),
                  "responses": (("responses", "besvarelser", "antal besvarelser", "svar"), True, True)},
    "risk": {"reports": (("reports", "risk_reports", "indberetninger", "risikoindberetninger", "antal"),
                         True, True),
             "employees": (("employees", "headcount", "ansatte", "antal ansatte", "medarbejdere"), True,
                           False)},
    "turnover": {"leavers": (("leavers", "fratrådte", "fratraadte", "antal fratrådte"), True, True),
                 "headcount": (("average_headcount", "average headcount", "headcount", "gennemsnitligt antal "
                                "ansatte", "gns. ansatte", "gennemsnitlig bemanding"), False, True)},
}
DIMENSION = ("dimension", "tema", "spørgsmålsgruppe")
EXAMPLE = {  # a header that works, in the words HR's Danish exports use (shown when a header is wrong)
    "sickness": "Arbejdssted;År;Måned;Fraværsdage;Årsværk",
    "wellbeing": "Arbejdssted;År;Dimension;Score;Besvarelser",
    "risk": "Arbejdssted;År;Måned;Indberetninger;Ansatte",
    "turnover": "Arbejdssted;År;Fratrådte;Gennemsnitligt antal ansatte",
}
MONTHLY = {"sickness": "required", "risk": "optional"}  # the others are per year


class FigureProblem(Problem):
    """A problem in a figures file, kept as a message template so a page can show it in Danish."""

    __slots__ = ("template", "params")

    def __init__(self, file: str, line: int | None, template: str, **params: object) -> None:
        super().__init__(file, line, template % params if params else template)
        self.template, self.params = template, params


@dataclass(frozen=True)
class FiguresFile:
    """A parsed figures file: its kind, rows and the problems of its rows."""

    file: str
    kind: str
    rows: tuple[FigureRow, ...]
    problems: tuple[Problem, ...] = ()


def decode(data: bytes) -> str:
    """Return a file's text: UTF-8 (with or without BOM), else Windows-1252, as Danish Excel saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _number(raw: str) -> float | None:
    """Read 12,5 and 12.5 alike (a Danish spreadsheet writes a decimal comma); None if not a number."""
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _columns(header: list[str], kind: str) -> dict[str, int]:
    """Map the header's names (any case, Danish or English) to the columns the kind reads."""
    wanted = {**COMMON, **{k: a for k, (a, _w, _r) in VALUES[kind].items()}}
    if kind == "wellbeing":
        wanted["dimension"] = DIMENSION
    names = [h.strip().lower() for h in header]
    return {column: names.index(alias) for column, aliases in wanted.items() for alias in aliases
            if alias in names}


class _Line:
    """One line's cells, read through the column map, collecting the line's problems."""

    def __init__(self, cells: list[str], cols: dict[str, int], header: list[str], file: str, line: int) -> None:
        self.cells, self.cols, self.header, self.file, self.line = cells, cols, header, file, line
        self.problems: list[Problem] = []

    def name(self, column: str) -> str:
        """Return the column's name as the file's header writes it (the reader knows that one)."""
        return self.header[self.cols[column]].strip() if column in self.cols else column

    def cell(self, column: str) -> str:
        i = self.cols.get(column)
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""

    def problem(self, template: str, **params: object) -> None:
        self.problems.append(FigureProblem(self.file, self.line, template, **params))

    def whole(self, column: str, low: int, high: int) -> int | None:
        """Return a whole number in [low, high], or note the problem."""
        value = _number(self.cell(column))
        if value is None or value != int(value) or not low <= value <= high:
            self.problem(_("%(column)s %(value)r must be a whole number from %(low)s to %(high)s"),
                         column=self.name(column), value=self.cell(column), low=low, high=high)
            return None
        return int(value)

    def amount(self, column: str, whole: bool) -> float | None:
        """Return a number that is not negative (a whole one for counts), or note the problem."""
        value = _number(self.cell(column))
        if value is None or value < 0 or (whole and value != int(value)):
            self.problem(_("%(column)s %(value)r is not a number of zero or more") if not whole else
                         _("%(column)s %(value)r is not a whole number of zero or more"),
                         column=self.name(column), value=self.cell(column))
            return None
        return value


def _row(kind: str, line: _Line) -> FigureRow | None:
    """Read and check one line; return None (with its problems noted) when it cannot be used."""
    workplace = line.cell("workplace") or line.cell("cost_centre")
    if not workplace:
        line.problem(_("give a workplace (committee key) or a cost-centre code"))
    year = line.whole("year", 2000, 2100)
    month = None
    if MONTHLY.get(kind) == "required" or (kind == "risk" and line.cell("month")):
        month = line.whole("month", 1, 12)
    elif kind == "risk":
        month = WHOLE_YEAR
    values = {name: line.amount(name, whole) for name, (_a, whole, required) in VALUES[kind].items()
              if required or line.cell(name)}
    dimension = line.cell("dimension") if kind == "wellbeing" else ""
    if kind == "wellbeing" and not dimension:
        line.problem(_("the survey dimension is missing"))
    if line.problems:
        return None
    _plausible(kind, line, year, month, values)
    return FigureRow(line.line, workplace, year, month, values, dimension) if not line.problems else None


def _plausible(kind: str, line: _Line, year: int, month: int | None, values: dict[str, float]) -> None:
    """Refuse numbers that cannot be true: more absence than days at work, or no one employed."""
    if kind == "sickness":
        if values["fte"] <= 0:
            line.problem(_("fte must be more than zero"))
        elif values["days"] > values["fte"] * working_days(year, month):
            line.problem(_("%(days)s absence days are more than %(fte)s FTE × %(working)s working days"),
                         days=f"{values['days']:g}", fte=f"{values['fte']:g}",
                         working=working_days(year, month))
    if kind == "turnover" and values["headcount"] <= 0:
        line.problem(_("headcount must be more than zero"))


def delimiter_of(text: str) -> str:
    """Return the separator of a CSV file: the one its header line uses most (semicolon or comma)."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def parse_figures_csv(text: str, file: str, kind: str) -> FiguresFile:
    """Parse the CSV text of one kind; a wrong header raises DefinitionError, row problems are kept."""
    if kind not in KINDS:
        raise DefinitionError([FigureProblem(file, None, _("unknown kind %(kind)s"), kind=kind)])
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(text))
    header = next(reader, [])
    cols = _columns(header, kind)
    needed = ["year", *(["month"] if MONTHLY.get(kind) == "required" else []),
              *(["dimension"] if kind == "wellbeing" else []),
              *[n for n, (_a, _w, required) in VALUES[kind].items() if required]]
    missing = [c for c in needed if c not in cols]
    if missing or not ({"workplace", "cost_centre"} & cols.keys()):
        raise DefinitionError([FigureProblem(
            file, 1, _("the header must name the columns %(needed)s and workplace or cost_centre, for example "
                       "%(example)s (found: %(found)s)"), needed=", ".join(needed), example=EXAMPLE[kind],
            found=", ".join(header) or "-")])
    rows, problems = [], []
    for cells in reader:
        if any(c.strip() for c in cells):
            line = _Line(cells, cols, header, file, reader.line_num)
            row = _row(kind, line)
            problems += line.problems
            rows += [row] if row else []
    return FiguresFile(file, kind, tuple(rows), tuple(problems))
