"""A workflow's states and events as a diagram, drawn by transitions' GraphMachine.

One diagram machine per workflow and language is built once and shared; a transient token
holding the state to highlight is added and removed per drawing, as the engine does.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from transitions import State
from transitions.extensions import GraphMachine

from medflow.domain.definitions import WorkflowDefinition

ENGINES = ("graphviz", "mermaid")
_LOCK = threading.Lock()


class _LabelledState(State):
    """A state that carries the label the diagram shows."""

    def __init__(self, *args, label: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.label = label


class _DiagramMachine(GraphMachine):
    state_cls = _LabelledState


class _Token:
    """The model whose state the diagram highlights."""


@lru_cache(maxsize=32)
def _machine(definition: WorkflowDefinition, lang: str, engine: str) -> _DiagramMachine:
    states = [{"name": s.name, "label": s.label.get(lang)} for s in definition.states]
    transitions = [
        {"trigger": t.trigger, "source": list(t.sources), "dest": "=" if t.dest is None else t.dest,
         "label": t.label.get(lang)}
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
        attrs = {"id": f"state-{s.name}", "class": "state" + (" current" if s.name == current else "")}
        if s.final:
            attrs["style"] = "rounded,filled,bold"
        graph.node(s.name, **attrs)
    return graph.source


def workflow_mermaid(definition: WorkflowDefinition, lang: str, current: str | None = None) -> str:
    """Return the workflow as a Mermaid state diagram; `current` (a state) is highlighted."""
    return _graph(definition, lang, current, "mermaid").source
