"""Minimal HTTP/1.1 server on asyncio streams, just enough for the Bot API client."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

_MAX_HEADER_LINES = 100
_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Payload Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart body, kept as opaque bytes."""

    filename: str
    data: bytes


@dataclass(slots=True)
class Request:
    """One parsed HTTP request."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def form(self) -> dict[str, Any]:
        """Decode query string and body into field values: str, or Upload for file parts."""
        fields: dict[str, Any] = dict(parse_qsl(self.path.partition("?")[2]))
        ctype = self.headers.get("content-type", "")
        if not self.body:
            return fields
        if ctype.startswith("application/json"):
            data = json.loads(self.body)
            fields.update(data if isinstance(data, dict) else {})
        elif ctype.startswith("multipart/form-data"):
            fields.update(_parse_multipart(ctype, self.body))
        else:
            fields.update(parse_qsl(self.body.decode("utf-8"), keep_blank_values=True))
        return fields


@dataclass(slots=True)
class Response:
    """A response to write back; `close` ends the connection afterwards."""

    status: int
    body: bytes
    content_type: str = "application/json"
    close: bool = False

    @classmethod
    def json(cls, status: int, payload: Any) -> Response:
        """Build a JSON response."""
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return cls(status, data.encode("utf-8"))


# None from the handler means: close the connection without answering.
Handler = Callable[[Request], Awaitable[Response | None]]


@dataclass
class HttpServer:
    """Serve one handler over keep-alive HTTP/1.1 connections."""

    handler: Handler
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self, host: str, port: int) -> int:
        """Listen and return the bound port."""
        self._server = await asyncio.start_server(self._serve, host, port, backlog=256)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Stop listening and cut every open connection."""
        if self._server is not None:
            self._server.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # Cancelled handlers close their own writers; wait so no task outlives the loop.
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer requests on one connection until either side closes it."""
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                response = await self.handler(request)
                if response is None:
                    break
                writer.write(_encode(response))
                await writer.drain()
                if response.close or request.headers.get("connection", "").lower() == "close":
                    break
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        except asyncio.CancelledError:
            # Only stop() cancels us; ending normally keeps asyncio's stream callback quiet.
            pass
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    """Read one request, or None when the peer closed the connection between requests."""
    line = await reader.readline()
    if not line:
        return None
    method, path, _version = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    for _ in range(_MAX_HEADER_LINES):
        raw = await reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = await _read_chunked(reader)
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Request(method, path, headers, body)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    """Read a chunked transfer-encoded body."""
    parts: list[bytes] = []
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            # Skip optional trailers up to the blank line.
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readline()


def _encode(response: Response) -> bytes:
    """Serialise a response with its status line and headers."""
    reason = _REASONS.get(response.status, "Unknown")
    connection = "close" if response.close else "keep-alive"
    head = (
        f"HTTP/1.1 {response.status} {reason}\r\n"
        f"Content-Type: {response.content_type}\r\n"
        f"Content-Length: {len(response.body)}\r\n"
        f"Connection: {connection}\r\n\r\n"
    )
    return head.encode("latin-1") + response.body


def _parse_multipart(ctype: str, body: bytes) -> dict[str, Any]:
    """Split a multipart/form-data body: text fields as str, file parts as Upload."""
    envelope = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(EmailMessage, policy=HTTP).parsebytes(envelope + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            fields[name] = data.decode(part.get_content_charset() or "utf-8")
        else:
            fields[name] = Upload(filename, data)
    return fields
