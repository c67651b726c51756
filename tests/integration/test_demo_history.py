"""`medflow demo` gives its employee two years of questions, so the paged lists show a next page."""

from __future__ import annotations

import re

from medflow.cli import cli
from medflow.cli.demo import DEMO_PASSWORD
from medflow.demo.history import ANSWERED, OPEN


def _log_in(app, email: str):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "da"
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.text
    return client


def test_the_demo_employee_sees_a_page_of_her_cases_and_a_link_to_older_ones(app):
    app.config["WTF_CSRF_ENABLED"] = False
    result = app.test_cli_runner().invoke(cli, ["demo"])
    employee = re.search(r"Demo history: (\S+) has (\d+) questions", result.output)
    assert employee and int(employee.group(2)) == ANSWERED + OPEN, result.output
    client = _log_in(app, employee.group(1))
    mine = client.get("/cases").text
    assert mine.count('<td data-label="Sag"><a href="/cases/') == 25 and "Ældre sager" in mine
    older = client.get(re.search(r'<a rel="next" href="([^"]+)"', mine).group(1).replace("&amp;", "&")).text
    # other demo steps may have given her a few newer cases too: the oldest page holds the rest
    assert 0 < older.count('<td data-label="Sag"><a href="/cases/') <= ANSWERED + OPEN
    assert "Spørgsmål om" in older
    assert "Ældre notifikationer" in client.get("/notifications").text
