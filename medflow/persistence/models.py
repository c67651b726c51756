"""Every model, importable from one place (Alembic and the services use this)."""

from medflow.persistence.annual import AnnualPack, TrainingRecord
from medflow.persistence.answers import SharedAnswer, SuggestionShow
from medflow.persistence.audit import AuditEntry
from medflow.persistence.base import Base
from medflow.persistence.cascades import Cascade, CascadeReceipt
from medflow.persistence.cases import ActionItem, Case, CaseEvent, SentOn
from medflow.persistence.cycle import CycleItem
from medflow.persistence.figures import RiskReports, SicknessAbsence, StaffTurnover, WellbeingScore
from medflow.persistence.goals import Goal, GoalNote
from medflow.persistence.guidelines import GuidelineChange
from medflow.persistence.history_guard import HistoryUnlock
from medflow.persistence.mail import MailPreference
from medflow.persistence.meetings import (
    Attendance,
    CalendarToken,
    CommunicationLine,
    Meeting,
    MeetingItem,
    MinutesAddendum,
    MinutesApproval,
    StandingItem,
)
from medflow.persistence.notify import Notification, OutboxMessage, SentReminder
from medflow.persistence.org import ApiToken, Committee, Level, Membership, Person
from medflow.persistence.plans import Initiative, InitiativeLink, InitiativeNote, Plan, PlanSubject
from medflow.persistence.search import SearchDocument
from medflow.persistence.theme_days import SignUp, TargetGroup

__all__ = ["ActionItem", "AnnualPack", "ApiToken", "Attendance", "AuditEntry", "Base", "CalendarToken",
           "Cascade", "CascadeReceipt", "Case", "CaseEvent", "Committee", "CommunicationLine", "CycleItem",
           "Goal", "GoalNote", "GuidelineChange", "HistoryUnlock", "Initiative", "InitiativeLink",
           "InitiativeNote", "Level", "MailPreference", "Meeting", "MeetingItem", "Membership",
           "MinutesAddendum", "MinutesApproval", "Notification", "OutboxMessage", "Person", "Plan",
           "PlanSubject", "RiskReports", "SearchDocument", "SentOn", "SentReminder", "SharedAnswer",
           "SicknessAbsence", "SignUp", "StaffTurnover", "StandingItem", "SuggestionShow", "TargetGroup",
           "TrainingRecord", "WellbeingScore"]
