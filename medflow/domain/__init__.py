"""Pure domain core: workflow definitions, the organisation tree, routing and policy.

Nothing in this package may import Flask or SQLAlchemy (a unit test enforces it).
"""
