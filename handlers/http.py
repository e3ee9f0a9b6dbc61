"""A Bot API networking backend on aiohttp, for python-telegram-bot's `BaseRequest`.

httpx, PTB's default, spent about 2 ms of CPU per call here, aiohttp about 0.5 ms (bench/);
the bot makes one call per message it sends, so this bounds its throughput.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """Send Bot API requests with one pooled aiohttp session."""

    def __init__(
        self,
        *,
        read_timeout: float = 5.0,
        write_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        pool_size: int = 64,
    ) -> None:
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_size = pool_size
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout."""
        return self._read_timeout

    @property
    def is_open(self) -> bool:
        """Tell whether the session is open (from initialize until shutdown)."""
        return self._session is not None and not self._session.closed

    async def initialize(self) -> None:
        """Open the session (in the running loop)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, enable_cleanup_closed=True)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one request; map timeouts to TimedOut and other failures to NetworkError."""
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        read = _given(read_timeout, self._read_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        write = _given(write_timeout, self._write_timeout)
        total = None if read is None else read + (write or 0) + (connect or 0)
        timeout = aiohttp.ClientTimeout(total=total, connect=connect, sock_read=read)
        try:
            async with self._session.request(
                method,
                url,
                data=_body(request_data),
                headers=_headers(request_data),
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _given(value: float | object | None, default: float) -> float | None:
    """Return a timeout passed by PTB, or ours when PTB passed its 'use the default' marker."""
    if value is BaseRequest.DEFAULT_NONE or not isinstance(value, int | float | None):
        return default
    return None if value is None else float(value)


_FORM_HEADERS = {
    "User-Agent": BaseRequest.USER_AGENT,
    "Content-Type": "application/x-www-form-urlencoded",
}
_PLAIN_HEADERS = {"User-Agent": BaseRequest.USER_AGENT}


def _headers(request_data: RequestData | None) -> dict[str, str]:
    """Return the headers for a body from `_body` (aiohttp sets multipart's own)."""
    if request_data is None or request_data.contains_files:
        return _PLAIN_HEADERS
    return _FORM_HEADERS


def _form(parameters: dict[str, str]) -> bytes:
    """URL-encode parameters as urlencode() would, remembering long values' encodings."""
    return "&".join(f"{quote_plus(k)}={_quote(v)}" for k, v in parameters.items()).encode()


def _quote(value: str) -> str:
    # A bulletin sends the same text and buttons to every recipient: percent-encoding them
    # (pure Python, ~35 µs a message) once instead of per call.
    return _quote_long(value) if len(value) > 64 else quote_plus(value)


@lru_cache(maxsize=64)
def _quote_long(value: str) -> str:
    return quote_plus(value)


def _body(request_data: RequestData | None) -> aiohttp.FormData | bytes | None:
    """Encode parameters as a form, or as multipart when files are attached."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        # Encoded here: given a dict, aiohttp builds a FormData and a multipart writer per call.
        return _form(request_data.json_parameters)
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form
