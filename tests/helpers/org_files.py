"""Organisation files the tests share, as YAML text."""

# The minimal form from the issue: three committees, an employee and a chair.
MINIMAL = """\
committees:
  - {key: kommunemed, name: KommuneMED, level: kommune}
  - {key: omr-born, name: OmrådeMED Børn og Unge, level: omraade, parent: kommunemed}
  - {key: lok-skole, name: LokalMED Skole, level: lokal, parent: omr-born}
people:
  - {email: anna@example.dk, name: Anna Jensen, workplace: lok-skole}
  - {email: leder@example.dk, name: Lene Leder, workplace: lok-skole,
     roles: [{committee: lok-skole, role: chair}]}
"""
