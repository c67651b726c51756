"""The flowchart, the "where do I go?" guide and the workflow diagrams: public, no personal data.

Who sits in which committee, and a case's own diagram, are shown to logged-in users only.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import lazy_gettext
from flask_login import current_user, login_required

from medflow.diagrams.flowchart import flowchart_csv, flowchart_dot, flowchart_mermaid, table_rows
from medflow.diagrams.render import inline_svg, render_svg
from medflow.diagrams.workflow import workflow_dot, workflow_mermaid
from medflow.domain.errors import Unknown, _
from medflow.domain.topic_search import search_topics
from medflow.domain.topics import ROLE_LABELS
from medflow.extensions import db
from medflow.services import topics as topic_service
from medflow.services.access import visible_case
from medflow.web.cases.serialize import case_path_committees
from medflow.web.display import ROLE_LABELS as PERSON_ROLE_LABELS
from medflow.web.display import guide_groups
from medflow.web.display import lang as _lang
from medflow.workflows import engines, offers, topics

bp = Blueprint("flowchart", __name__)
MAX_QUERY = 100  # characters of a guide search that are used; the rest is ignored

NO_GRAPHVIZ = lazy_gettext(
    "The drawing is not available because Graphviz (the dot program) is not installed on the server. "
    "The table shows the same content, and the sources below can be downloaded."
)


@bp.app_context_processor
def _topic_helpers() -> dict:
    """Let any template show a case's topic, responsible level and path (flowchart/_case_route.html)."""
    return {"topic_catalog": topics(), "case_path_committees": case_path_committees}


def _svg(source: str) -> str | None:
    """Return the SVG of a DOT source, or None when Graphviz is missing."""
    return render_svg(source, current_app.config["GRAPHVIZ_DOT"])


def _download(text: str, mimetype: str, filename: str) -> Response:
    return Response(text, mimetype=mimetype,
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def _svg_response(source: str, filename: str) -> Response:
    svg = _svg(source)
    if svg is None:
        return Response(str(NO_GRAPHVIZ), status=503, mimetype="text/plain")
    return _download(svg, "image/svg+xml", filename)


def _definition(name: str):
    engine = engines().get(name)
    if engine is None:
        raise Unknown(_("Unknown workflow %(name)s (choose one of: %(names)s)."),
                      name=name, names=", ".join(sorted(engines())))
    return engine.definition


@bp.get("/flowchart")
def flowchart():
    """Show the swimlane flowchart of which tasks are solved where, with the same as a table."""
    catalog, lang = topics(), _lang()
    svg = _svg(flowchart_dot(catalog, lang))
    return render_template(
        "flowchart/flowchart.html", svg=inline_svg(svg) if svg else None, rows=table_rows(catalog, lang),
        catalog=catalog, lang=lang, no_graphviz=NO_GRAPHVIZ,
    )


@bp.get("/flowchart.svg")
def flowchart_svg():
    """Download the flowchart as SVG."""
    return _svg_response(flowchart_dot(topics(), _lang()), "medflow-flowchart.svg")


@bp.get("/flowchart.dot")
def flowchart_dot_source():
    """Download the flowchart as Graphviz DOT."""
    return _download(flowchart_dot(topics(), _lang()), "text/vnd.graphviz", "medflow-flowchart.dot")


@bp.get("/flowchart.mmd")
def flowchart_mermaid_source():
    """Download the flowchart as Mermaid."""
    return _download(flowchart_mermaid(topics(), _lang()), "text/plain", "medflow-flowchart.mmd")


@bp.get("/flowchart.csv")
def flowchart_csv_table():
    """Download the flowchart as CSV."""
    return _download(flowchart_csv(topics(), _lang()), "text/csv", "medflow-flowchart.csv")


@bp.get("/guide")
def guide():
    """Tell an employee where a matter goes; logged-in users also see their committee and its members."""
    catalog, key = topics(), request.args.get("topic") or None
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    person = current_user if current_user.is_authenticated else None
    guidance = topic_service.guide(db.session, catalog, person, key) if key else None
    return render_template(
        "flowchart/guide.html", guidance=guidance, catalog=catalog, lang=_lang(),
        groups=guide_groups(catalog, engines().items(), _lang()), roles=ROLE_LABELS,
        roles_of_members=PERSON_ROLE_LABELS, query=query,
        found=search_topics(catalog, query, _lang()) if query else None,
        offers=offers().for_topic(key),
    )


def _workflow_page(definition, current: str | None = None, case=None):
    lang = _lang()
    svg = _svg(workflow_dot(definition, lang, current))
    return render_template(
        "flowchart/workflow.html", wf=definition, lang=lang, svg=inline_svg(svg) if svg else None,
        current=current, case=case, no_graphviz=NO_GRAPHVIZ,
    )


@bp.get("/workflows/<name>")
def workflow(name: str):
    """Show a case type's states and events as a diagram and as tables."""
    return _workflow_page(_definition(name))


@bp.get("/workflows/<name>.svg")
def workflow_svg(name: str):
    """Download a case type's diagram as SVG."""
    return _svg_response(workflow_dot(_definition(name), _lang()), f"{name}.svg")


@bp.get("/workflows/<name>.dot")
def workflow_dot_source(name: str):
    """Download a case type's diagram as Graphviz DOT."""
    return _download(workflow_dot(_definition(name), _lang()), "text/vnd.graphviz", f"{name}.dot")


@bp.get("/workflows/<name>.mmd")
def workflow_mermaid_source(name: str):
    """Download a case type's diagram as Mermaid."""
    return _download(workflow_mermaid(_definition(name), _lang()), "text/plain", f"{name}.mmd")


@bp.get("/cases/<int:case_id>/diagram")
@login_required
def case_diagram(case_id: int):
    """Show the case's workflow with its current state highlighted (404 if not visible)."""
    case = visible_case(db.session, current_user, case_id)
    return _workflow_page(engines()[case.workflow].definition, case.state, case)


@bp.get("/cases/<int:case_id>/diagram.svg")
@login_required
def case_diagram_svg(case_id: int):
    """Return the case's workflow diagram as SVG with its current state highlighted."""
    case = visible_case(db.session, current_user, case_id)
    source = workflow_dot(engines()[case.workflow].definition, _lang(), case.state)
    return _svg_response(source, f"case-{case.id}.svg")

