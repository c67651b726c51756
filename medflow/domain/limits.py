"""The field rules, defined once: the longest text each field takes, id range, date window, sizes.

The services check them, the forms render them as `maxlength`, the OpenAPI document publishes
them and docs/integrators.md lists them, so the numbers cannot drift apart.
"""

from __future__ import annotations

from datetime import date

# The longest text, in characters, of every free-text field (API, forms and the OpenAPI document).
TEXT_MAX: dict[str, int] = {
    "title": 200,            # case and cascade title
    "description": 20_000,   # case description
    "location": 200,         # work-environment task: where
    "what_happened": 20_000,  # work-environment task: what happened
    "body": 20_000,          # cascade text
    "comment": 10_000,       # every event's comment or reason (also a cascade note)
    "answer": 10_000,        # resolve
    "redirect": 10_000,      # reject: where to go instead
    "problem": 10_000,       # action-plan item
    "solution": 10_000,
    "owner": 200,
    "effect_check": 10_000,
}
KEY_MAX = 80                 # a key: workflow, topic, event, state, committee, level, category, kind
ID_MAX = 2_147_483_647       # the largest id (and case version) the databases' integer columns hold
DATE_MIN = date(2000, 1, 1)  # the earliest meeting date, due date or report-back date
DATE_YEARS_AHEAD = 10        # and the latest: this many years after today
BODY_MAX_BYTES = 1_048_576   # a request body (MAX_CONTENT_LENGTH): 1 MB
ORG_FILE_MAX_BYTES = 2_097_152  # an organisation file: 2 MB
JSON_MAX_DEPTH = 32          # how deeply a JSON body may nest


def latest_date(today: date) -> date:
    """Return the last date a date field accepts (DATE_YEARS_AHEAD years after `today`)."""
    try:
        return today.replace(year=today.year + DATE_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + DATE_YEARS_AHEAD, day=28)

# The organisation file's texts, as long as their database columns.
ORG_TEXT_MAX: dict[str, int] = {
    "level.key": 40, "level.name": 120,
    "committee.key": 80, "committee.name": 200, "committee.kind": 40, "committee.description": 1000,
    "person.email": 254, "person.name": 200,
}
