"""Key figures per workplace committee: sickness absence, wellbeing survey results, risk reports, turnover.

One table per kind, each row unique for its committee and period. Only counts are stored
(absence days and FTE, never a typed percentage); the figures are computed in domain/figures.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.org import Committee


class _Figure:
    """What every figure row has: its workplace committee, its year and when it was imported."""

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    year: Mapped[int]
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SicknessAbsence(_Figure, Base):
    """Absence days and full-time equivalents of one workplace in one month."""

    __tablename__ = "figures_sickness"
    __table_args__ = (UniqueConstraint("committee_id", "year", "month", name="uq_figures_sickness_period"),)

    month: Mapped[int]
    days: Mapped[float] = mapped_column(Float)
    fte: Mapped[float] = mapped_column(Float)
    committee: Mapped[Committee] = relationship()


class WellbeingScore(_Figure, Base):
    """One dimension of a wellbeing survey at one workplace in one year: the score and its answers."""

    __tablename__ = "figures_wellbeing"
    __table_args__ = (UniqueConstraint("committee_id", "year", "dimension",
                                       name="uq_figures_wellbeing_period"),)

    dimension: Mapped[str] = mapped_column(String(120))
    score: Mapped[float] = mapped_column(Float)
    responses: Mapped[int]
    committee: Mapped[Committee] = relationship()


class RiskReports(_Figure, Base):
    """Risk reports (near misses, threats, accidents) counted at one workplace in a month or year.

    `month` 0 is the whole year; `employees`, when the file gives it, is the headcount behind it.
    """

    __tablename__ = "figures_risk"
    __table_args__ = (UniqueConstraint("committee_id", "year", "month", name="uq_figures_risk_period"),)

    month: Mapped[int]
    reports: Mapped[int]
    employees: Mapped[int | None]
    committee: Mapped[Committee] = relationship()


class StaffTurnover(_Figure, Base):
    """Leavers and average headcount of one workplace in one year."""

    __tablename__ = "figures_turnover"
    __table_args__ = (UniqueConstraint("committee_id", "year", name="uq_figures_turnover_period"),)

    leavers: Mapped[int]
    headcount: Mapped[float] = mapped_column(Float)
    committee: Mapped[Committee] = relationship()


MODELS = {"sickness": SicknessAbsence, "wellbeing": WellbeingScore, "risk": RiskReports,
          "turnover": StaffTurnover}
