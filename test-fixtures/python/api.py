#!/usr/bin/env python3
"""Minimal HTTP-ish request handlers for the lending service."""
import json
import sys
from abc import ABC, abstractmethod
from http import HTTPStatus
from typing import Any, Final, NamedTuple

from . import models
from .service import Catalog, LendingService

API_VERSION: Final = "1.4.2"
ROUTES: dict[str, type["Handler"]] = {}


class Response(NamedTuple):
    status: int
    body: dict[str, Any]

    def encode(self) -> bytes:
        return json.dumps({"version": API_VERSION, **self.body}).encode("utf-8")


def route(path: str):
    """Register a handler class for a path."""

    def register(cls: type["Handler"]) -> type["Handler"]:
        if path in ROUTES:
            raise RuntimeError(f"duplicate route {path}")
        ROUTES[path] = cls
        cls.path = path
        return cls

    return register


class Handler(ABC):
    path: str = ""

    def __init__(self, service: LendingService) -> None:
        self.service = service

    @abstractmethod
    async def handle(self, payload: dict[str, Any]) -> Response:
        raise NotImplementedError

    def error(self, status: HTTPStatus, message: str) -> Response:
        return Response(int(status), {"error": message, "path": self.path})


@route("/books/search")
class SearchHandler(Handler):
    async def handle(self, payload: dict[str, Any]) -> Response:
        term = str(payload.get("q", "")).strip()
        if len(term) < 2:
            return self.error(HTTPStatus.BAD_REQUEST, "query too short")
        hits = self.service.catalog.search(term)
        return Response(200, {"results": [str(b) for b in hits], "count": len(hits)})


@route("/loans")
class BorrowHandler(Handler):
    async def handle(self, payload: dict[str, Any]) -> Response:
        member = models.Member.lookup(int(payload["member_id"]))
        if member is None:
            return self.error(HTTPStatus.NOT_FOUND, "no such member")
        try:
            loan = await self.service.borrow(member, payload["isbn"])
        except models.LendingError as exc:
            return self.error(HTTPStatus.CONFLICT, f"{exc} [{exc.code}]")
        except (KeyError, ValueError) as exc:
            return self.error(HTTPStatus.BAD_REQUEST, repr(exc))
        else:
            return Response(201, {"due": loan.due.isoformat(), "isbn": loan.book.isbn})


async def dispatch(service: LendingService, path: str, raw: bytes) -> Response:
    handler_cls = ROUTES.get(path)
    if handler_cls is None:
        return Response(404, {"error": f"no route for {path}"})
    try:
        payload = json.loads(raw or b"{}")
    except json.JSONDecodeError as exc:
        return Response(400, {"error": f"bad json at pos {exc.pos}"})
    return await handler_cls(service).handle(payload)


async def _noop_notify(to: str, body: str) -> None:
    print(f"-> {to}: {body}", file=sys.stderr)


if __name__ == "__main__":
    import asyncio

    catalog = Catalog([models.Book("978-0", "Dune", "Frank Herbert", 1965)])
    svc = LendingService(catalog, _noop_notify)
    resp = asyncio.run(dispatch(svc, "/books/search", b'{"q": "du"}'))
    sys.stdout.buffer.write(resp.encode() + b"\n")
