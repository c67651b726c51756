"""Every model, importable from one place (Alembic and the services use this)."""

from medflow.persistence.base import Base
from medflow.persistence.cases import ActionItem, Case, CaseEvent
from medflow.persistence.org import ApiToken, Committee, Level, Membership, Person

__all__ = ["ActionItem", "ApiToken", "Base", "Case", "CaseEvent", "Committee", "Level",
           "Membership", "Person"]
