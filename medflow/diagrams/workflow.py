"""A workflow's states and events as a diagram, drawn by transitions' GraphMachine.

One diagram machine per workflow and language is built once and shared; a transient token
holding the state to highlight is added and removed per drawing, as the engine does.
"""

from __future__ import annotations

import threading
from copy import deepcopy
from functools import lru_cache

from transitions import State
from transitions.extensions import GraphMachine

from medflow.domain.definitions import TransitionDef, WorkflowDefinition
from medflow.domain.guards import LEVEL_GUARDS

ENGINES = ("graphviz", "mermaid")
_LOCK = threading.Lock()


class _LabelledState(State):
    """A state that carries the label the diagram shows."""

    def __init__(self, *args, label: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.label = label


# "Here now" is one calm colour, whatever the state means: a closed case is not an alarm. End states
# carry a double border (the usual mark of a final state), current or not.
HERE_NOW = {"color": "#1d5b8f", "fillcolor": "#d6e9f8", "penwidth": "2"}
END_STATE = {"peripheries": "2"}


def _calm_styles() -> dict:
    """Return transitions' diagram styles with the highlight in blue instead of red and salmon."""
    styles = deepcopy(GraphMachine.style_attributes)
    styles["node"]["active"] = {**HERE_NOW, "peripheries": "1"}
    styles["node"]["previous"] = {"color": "#1d5b8f", "fillcolor": "white", "peripheries": "1"}
    styles["edge"]["previous"] = {"color": "#1d5b8f"}
    return styles


class _DiagramMachine(GraphMachine):
    state_cls = _LabelledState
    style_attributes = _calm_styles()


class _Token:
    """The model whose state the diagram highlights."""


def edge_label(transition: TransitionDef, lang: str) -> str:
    """Return an arrow's text: the event, and the level it belongs to when the workflow says so."""
    levels = [LEVEL_GUARDS[n].get(lang) for n in transition.conditions if n in LEVEL_GUARDS]
    label = transition.label.get(lang)
    return f"{label} ({', '.join(levels)})" if levels else label


@lru_cache(maxsize=32)
def _machine(definition: WorkflowDefinition, lang: str, engine: str) -> _DiagramMachine:
    states = [{"name": s.name, "label": s.label.get(lang)} for s in definition.states]
    transitions = [
        {"trigger": t.trigger, "source": list(t.sources), "dest": "=" if t.dest is None else t.dest,
         "label": edge_label(t, lang)}
        for t in definition.transitions
    ]
    machine = _DiagramMachine(
        model=None, states=states, initial=definition.initial, transitions=transitions,
        auto_transitions=False, title=definition.label.get(lang), show_conditions=False,
        graph_engine=engine,
    )
    machine.machine_attributes.update(labelloc="t", fontname="Helvetica-Bold", fontsize="16")
    return machine


def _graph(definition: WorkflowDefinition, lang: str, current: str | None, engine: str):
    machine = _machine(definition, lang, engine)
    token = _Token()
    with _LOCK:
        machine.add_model(token, initial=current or definition.initial)
        try:
            graph = machine.model_graphs[id(token)]
            if current is None:
                graph.reset_styling()
            return graph.get_graph(title=definition.label.get(lang))
        finally:
            machine.remove_model(token)
            machine.model_graphs.pop(id(token), None)


def workflow_dot(definition: WorkflowDefinition, lang: str, current: str | None = None) -> str:
    """Return the workflow as DOT; `current` (a state) is highlighted."""
    graph = _graph(definition, lang, current, "graphviz")
    for s in definition.states:
        classes = ["state"] + ["current"] * (s.name == current) + ["final"] * s.final
        attrs = {"id": f"state-{s.name}", "class": " ".join(classes)}
        if s.final:
            attrs.update(END_STATE)
        if s.name == current:
            attrs.update(HERE_NOW)
        graph.node(s.name, **attrs)
    return graph.source


def workflow_mermaid(definition: WorkflowDefinition, lang: str, current: str | None = None) -> str:
    """Return the workflow as a Mermaid state diagram; `current` (a state) is highlighted."""
    return _graph(definition, lang, current, "mermaid").source
