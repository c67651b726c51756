"""Every model, importable from one place (Alembic and the services use this)."""

from medflow.persistence.audit import AuditEntry
from medflow.persistence.base import Base
from medflow.persistence.cascades import Cascade, CascadeReceipt
from medflow.persistence.cases import ActionItem, Case, CaseEvent
from medflow.persistence.notify import Notification, OutboxMessage, SentReminder
from medflow.persistence.org import ApiToken, Committee, Level, Membership, Person

__all__ = ["ActionItem", "ApiToken", "AuditEntry", "Base", "Cascade", "CascadeReceipt", "Case", "CaseEvent",
           "Committee", "Level", "Membership", "Notification", "OutboxMessage", "Person",
           "SentReminder"]
