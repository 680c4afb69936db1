"""Domain models for the library lending service."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar, Optional, Protocol

__all__ = ["Book", "Member", "Loan", "LoanStatus", "Identifiable", "LendingError"]

MAX_LOANS_PER_MEMBER: int = 5
DEFAULT_LOAN_DAYS = 21
DAILY_FINE = 0.25


class LendingError(Exception):
    """Raised when a lending rule is violated."""

    def __init__(self, message: str, *, code: str = "lending_error") -> None:
        super().__init__(message)
        self.code = code


class OverdueError(LendingError):
    pass


class LoanStatus(enum.Enum):
    ACTIVE = "active"
    RETURNED = "returned"
    OVERDUE = "overdue"


class Identifiable(Protocol):
    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class Book:
    isbn: str
    title: str
    author: str
    year: int = 0
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"book:{self.isbn}"

    def __str__(self) -> str:
        return f"{self.title} by {self.author} ({self.year or 'n.d.'})"


@dataclass
class Member:
    member_id: int
    name: str
    email: str
    loans: list[Loan] = field(default_factory=list)
    _registry: ClassVar[dict[int, "Member"]] = {}

    def __post_init__(self) -> None:
        if "@" not in self.email:
            raise ValueError(f"invalid email for member {self.member_id!r}")
        Member._registry[self.member_id] = self

    @property
    def key(self) -> str:
        return f"member:{self.member_id}"

    @classmethod
    def lookup(cls, member_id: int) -> Optional[Member]:
        return cls._registry.get(member_id)

    @staticmethod
    def normalize_email(raw: str) -> str:
        return raw.strip().lower()

    def active_loans(self) -> list[Loan]:
        return [loan for loan in self.loans if loan.status is not LoanStatus.RETURNED]

    def can_borrow(self) -> bool:
        return len(self.active_loans()) < MAX_LOANS_PER_MEMBER


@dataclass(order=True)
class Loan:
    due: date
    book: Book = field(compare=False)
    member_id: int = field(compare=False)
    returned_on: Optional[date] = field(default=None, compare=False)

    @property
    def status(self) -> LoanStatus:
        if self.returned_on is not None:
            return LoanStatus.RETURNED
        return LoanStatus.OVERDUE if date.today() > self.due else LoanStatus.ACTIVE

    def fine(self, today: Optional[date] = None) -> float:
        end = self.returned_on or today or date.today()
        late_days = max((end - self.due).days, 0)
        return round(late_days * DAILY_FINE, 2)

    @classmethod
    def start(cls, book: Book, member: Member, days: int = DEFAULT_LOAN_DAYS) -> "Loan":
        if not member.can_borrow():
            raise LendingError(f"{member.name} has too many loans", code="limit")
        loan = cls(due=date.today() + timedelta(days=days), book=book, member_id=member.member_id)
        member.loans.append(loan)
        return loan
