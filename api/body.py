"""Request bodies, bounded while they are read.

A Content-Length header is a claim, and a chunked body makes none: so the limit is
enforced on the bytes as they arrive (BodyLimit), and a route that takes a body streams
it to a file itself (`receive_body`) after its dependencies, the write key among them,
have been checked: a caller without a key costs no more than the first chunk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """An HTTPException, so that FastAPI's body parsing passes it on as it is."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"body larger than {limit} bytes")


class BodyLimit:
    """ASGI middleware: 413 for a body over `limit` bytes, declared or counted."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except BodyTooLarge:
            if not started:  # otherwise the server drops the connection, which says as much
                await _too_large(self.limit)(scope, receive, send)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"body larger than {limit} bytes"}, status_code=413)


async def receive_body(request: Request, target: Path) -> int:
    """Stream the request's body into `target` (BodyLimit bounds it); its size in bytes."""
    size = 0
    with target.open("wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            out.write(chunk)
    return size


def text_body(description: str) -> dict[str, Any]:
    """The OpenAPI description of a plain-text body read by receive_body."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    }
