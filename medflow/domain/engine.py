"""Decide what an event does to a case, using one shared `transitions` machine per workflow.

The machine is never attached to a stored row: it has one small token of its own, set to the
case's state before each trigger (adding and removing a token per call, as the transitions FAQ
on memory shows, cost more than the rest of deciding). A lock keeps the shared token to one
request thread at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from transitions import Machine, MachineError

from medflow.domain import policy
from medflow.domain.definitions import TransitionDef, WorkflowDefinition
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, _
from medflow.domain.guards import GUARDS, LEVEL_GUARDS, FireContext, Guard, failing_guard
from medflow.domain.policy import may_fire


class _Token:
    """A transient model: the only thing the machine touches."""

    state: str


def _condition(name: str):
    check = GUARDS[name].check
    return lambda event_data: check(event_data.kwargs["ctx"])


def _machine_config(wf: WorkflowDefinition) -> dict:
    return {
        "states": [s.name for s in wf.states],
        "initial": wf.initial,
        "transitions": [
            {
                "trigger": t.trigger,
                "source": list(t.sources),
                "dest": "=" if t.dest is None else t.dest,
                "conditions": [_condition(n) for n in t.conditions],
            }
            for t in wf.transitions
        ],
    }


class WorkflowEngine:
    """The rules of one workflow, evaluated by a machine built once."""

    def __init__(self, definition: WorkflowDefinition) -> None:
        self.definition = definition
        self._machine = Machine(
            model=None, auto_transitions=False, send_event=True, **_machine_config(definition)
        )
        self._lock = threading.Lock()
        self._token = _Token()
        self._machine.add_model(self._token, initial=definition.initial)

    def _transition(self, state: str, event: str) -> TransitionDef:
        if event not in self.definition.events():
            raise Invalid(_("Unknown event %(event)s."), event=event)
        transition = self.definition.transition_from(event, state)
        if transition is None:
            raise NotPossible(
                _("The event %(event)s is not possible while the case is %(state)s."),
                event=event, state=state,
            )
        return transition

    def check(self, state: str, event: str, roles: Iterable[str]) -> TransitionDef:
        """Return the transition `event` would take, or raise why it may not be fired."""
        transition = self._transition(state, event)
        if not may_fire(transition, roles):
            raise NotAllowed(policy.refusal(transition, roles), event=event)
        return transition

    def fire(self, state: str, event: str, roles: Iterable[str], ctx: FireContext) -> str:
        """Return the new state after `event`, or raise NotAllowed / NotPossible / Unknown."""
        transition = self.check(state, event, roles)
        token = self._token
        with self._lock:
            self._machine.set_state(state, model=token)  # whatever an earlier call left it at
            try:
                fired = token.trigger(event, ctx=ctx)
            except MachineError as exc:  # pragma: no cover - check() already rules this out
                raise NotPossible(str(exc)) from exc
            new_state = token.state
        if not fired:
            guard = failing_guard(transition.conditions, ctx)
            message = guard.message if guard else _("The event %(event)s is not possible now.")
            raise NotPossible(message, event=event, days=ctx.reopen_days)
        return new_state

    def guards_needed(self, state: str, event: str | None = None,
                      roles: Iterable[str] | None = None) -> frozenset[str]:
        """Return the guards that firing `event` (or any event these roles may fire) from `state` checks.

        Without `event` (a case page) the level guards of later events count too, so the page can
        say that an event belongs to another level rather than to a later state.
        """
        roles = None if roles is None else frozenset(roles)
        return frozenset(
            name for t in self.definition.transitions
            if event in (None, t.trigger) and (roles is None or may_fire(t, roles))
            for name in t.conditions
            if state in t.sources or (event is None and name in LEVEL_GUARDS)
        )

    def allowed_events(self, state: str, roles: Iterable[str], ctx: FireContext) -> list[str]:
        """Return the events these roles may fire now, in definition order."""
        roles = frozenset(roles)
        triggers = set(self._machine.get_triggers(state))
        result = []
        for event in self.definition.events():
            t = self.definition.transition_from(event, state) if event in triggers else None
            if t and may_fire(t, roles) and failing_guard(t.conditions, ctx) is None:
                result.append(event)
        return result


@dataclass(frozen=True)
class Unavailable:
    """An event these roles may fire in this workflow, but not now, and why."""

    event: str
    guard: Guard | None  # a rule of the case's place that fails now (top committee, reopen window)
    needs_states: tuple[str, ...] = ()  # else: the states the case must reach first


def unavailable_events(engine: WorkflowEngine, state: str, roles: Iterable[str],
                       ctx: FireContext) -> list[Unavailable]:
    """Return what these roles could do on an open case later (or elsewhere), with the reason it waits.

    Shown disabled beside the actions, so a person sees that e.g. closing needs an assessment
    first instead of wondering where the button went. Nothing is listed on a closed case.
    """
    definition, roles = engine.definition, frozenset(roles)
    if definition.is_final(state):
        return []
    allowed, result = set(engine.allowed_events(state, roles, ctx)), []
    for event in definition.events():
        mine = [t for t in definition.transitions_for(event) if may_fire(t, roles)]
        now = definition.transition_from(event, state)
        if event in allowed or not mine or (now is not None and not may_fire(now, roles)):
            continue
        here = [t for t in mine if failing_guard(_level_guards(t), ctx) is None]  # this level's ways
        if now is not None and (now in here or not here):
            result.append(Unavailable(event, failing_guard(now.conditions, ctx)))
        elif not here:  # every way to fire it belongs to another level of the tree
            result.append(Unavailable(event, failing_guard(_level_guards(mine[0]), ctx)))
        elif sources := tuple(s for t in here for s in t.sources if not definition.is_final(s)):
            result.append(Unavailable(event, None, tuple(dict.fromkeys(sources))))
    return result


def _level_guards(transition: TransitionDef) -> tuple[str, ...]:
    """Return the guards of a transition that say at which level of the tree it may be fired."""
    return tuple(n for n in transition.conditions if n in LEVEL_GUARDS)


def build_engines(definitions: dict[str, WorkflowDefinition]) -> dict[str, WorkflowEngine]:
    """Build one engine (one machine) per workflow definition."""
    return {name: WorkflowEngine(d) for name, d in definitions.items()}
