"""Async lending service with caching and retry decorators."""
from __future__ import annotations

import asyncio
import functools
import logging
from collections import defaultdict
from datetime import date
from typing import Any, Awaitable, Callable, Iterable, TypeVar

from .models import Book, LendingError, Loan, Member, OverdueError

log = logging.getLogger(__name__)
T = TypeVar("T")


def retry(times: int = 3, delay: float = 0.1) -> Callable[[Callable[..., Awaitable[T]]], Callable[..., Awaitable[T]]]:
    """Retry an async function on ConnectionError."""

    def decorator(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> T:
            last_exc: Exception | None = None
            for attempt in range(1, times + 1):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError as exc:
                    last_exc = exc
                    log.warning("attempt %d/%d failed: %s", attempt, times, exc)
                    await asyncio.sleep(delay * attempt)
            assert last_exc is not None
            raise last_exc

        return wrapper

    return decorator


class Catalog:
    def __init__(self, books: Iterable[Book] = ()) -> None:
        self._books: dict[str, Book] = {b.isbn: b for b in books}
        self._by_author: defaultdict[str, list[Book]] = defaultdict(list)
        for book in self._books.values():
            self._by_author[book.author].append(book)

    def __len__(self) -> int:
        return len(self._books)

    def __contains__(self, isbn: object) -> bool:
        return isbn in self._books

    @functools.lru_cache(maxsize=256)
    def search(self, term: str) -> tuple[Book, ...]:
        needle = term.casefold()
        return tuple(b for b in self._books.values() if needle in b.title.casefold())

    def get(self, isbn: str) -> Book:
        try:
            return self._books[isbn]
        except KeyError:
            raise LendingError(f"unknown isbn {isbn}", code="not_found") from None


class LendingService:
    def __init__(self, catalog: Catalog, notifier: Callable[[str, str], Awaitable[None]]) -> None:
        self.catalog = catalog
        self._notify = notifier
        self._lock = asyncio.Lock()
        self._on_loan: set[str] = set()

    async def borrow(self, member: Member, isbn: str) -> Loan:
        book = self.catalog.get(isbn)
        async with self._lock:
            if isbn in self._on_loan:
                raise LendingError(f"{book.title!r} is already on loan", code="unavailable")
            loan = Loan.start(book, member)
            self._on_loan.add(isbn)
        await self._send(member.email, f"You borrowed {book}. Due {loan.due:%Y-%m-%d}.")
        return loan

    async def give_back(self, member: Member, loan: Loan, *, today: date | None = None) -> float:
        loan.returned_on = today or date.today()
        fine = loan.fine()
        try:
            if fine > 0:
                raise OverdueError(f"fine due: {fine:.2f}", code="overdue")
        except OverdueError as err:
            log.info("member %s owes %.2f (%s)", member.member_id, fine, err.code)
        finally:
            self._on_loan.discard(loan.book.isbn)
        return fine

    @retry(times=5, delay=0.05)
    async def _send(self, to: str, body: str) -> None:
        await self._notify(to, body)

    async def remind_all(self, members: list[Member]) -> int:
        overdue = [(m, l) for m in members for l in m.active_loans() if l.fine() > 0]
        results = await asyncio.gather(
            *(self._send(m.email, f"{l.book.title} is overdue") for m, l in overdue),
            return_exceptions=True,
        )
        return sum(1 for r in results if not isinstance(r, BaseException))
