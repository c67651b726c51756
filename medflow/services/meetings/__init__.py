"""Meetings of a committee: planning, the agenda, minutes that decide cases, communication, news.

One module per concern; each public function takes a Session and plain values and commits
everything or nothing. Decisions on cases go through `medflow.services.cases.fire_event`.
"""
