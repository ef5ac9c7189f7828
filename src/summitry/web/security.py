"""Security of the web app: headers and Host check (middleware), the one error shape,
safe JSON, and the bearer-token check and size-limited body of the upload.

Every response carries a strict Content-Security-Policy; every error is ``{"error":
{"status", "code", "message"}}`` (an HTML page instead for a browser asking for one of
the pages); JSON escapes ``<``, ``>`` and ``&`` so untrusted document text never reads as
markup.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CSP",
    "SECURITY_HEADERS",
    "ApiError",
    "Guard",
    "SafeJSONResponse",
    "bearer_body",
    "details_message",
    "error_response",
    "http_error",
    "internal_error",
    "is_loopback",
    "validation_error",
    "wants_html",
]

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
)
#: ids of events and redirects: "ev_" + hex, but anything of these characters is looked up
_DIGITS = re.compile(r"[0-9]{1,18}")
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
          415: "unsupported_media_type", 422: "validation_error",
          500: "internal_error", 503: "unavailable"}


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes (still the same JSON):
    untrusted document text, such as a ``<script>`` inside evidence, never appears as
    markup in any response, whatever a client or a sniffing browser does with it."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                .encode("utf-8"))


class ApiError(StarletteHTTPException):
    """An HTTP error with the ``code`` (and validation ``details``) of the error body."""

    def __init__(self, status: int, code: str, message: str, *,
                 headers: dict[str, str] | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(status, message, headers)
        self.code = code
        self.details = details



def wants_html(request: Request) -> bool:
    path = request.url.path
    return (not path.startswith("/api/") and path != "/openapi.json"
            and "text/html" in request.headers.get("accept", ""))


def error_json(status: int, code: str, message: str,
                details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        info["details"] = details
    return {"error": info}


def error_response(request: Request, status: int, code: str, message: str, *,
                   headers: Mapping[str, str] | None = None,
                   details: list[dict[str, Any]] | None = None) -> Response:
    """The error body (or, for a browser asking for a page, the error page)."""
    if wants_html(request):
        # the app's Context (summitry.web.context) renders the HTML error page
        render = getattr(getattr(request.app.state, "summitry", None), "render", None)
        if callable(render):
            page: Response = render("error.html", status=status, status_code=status,
                                    code=code, message=message, details=details or [],
                                    title=HTTPStatus(status).phrase, nav="")
            return page
    return SafeJSONResponse(error_json(status, code, message, details), status_code=status,
                            headers=headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = getattr(exc, "code", None) or _CODES.get(status, "error")
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    return error_response(request, status, code, message, headers=exc.headers,
                           details=getattr(exc, "details", None))


def clean_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for e in errors:
        if not isinstance(e, dict):
            continue
        out.append({"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))})
    return out


def details_message(details: list[dict[str, Any]]) -> str:
    parts = [f"{'.'.join(d['loc'])}: {d['msg']}" for d in details[:5]]
    return ("Invalid request: " + "; ".join(parts))[:1000] if parts else "Invalid request"


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = clean_details(exc.errors())
    return error_response(request, 422, "validation_error", details_message(details),
                           details=details)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return SafeJSONResponse(error_json(500, "internal_error", "Internal server error"),
                            status_code=500)


class Guard:
    """Pure ASGI middleware: security headers on every response, an optional Host
    allow-list (DNS-rebinding protection for a server bound to loopback), and the JSON
    500 for anything that escapes the app."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secure(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
            await send(message)

        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            bad = SafeJSONResponse(error_json(400, "bad_host", "Invalid Host header"),
                                   status_code=400)
            await bad(scope, receive, send_secure)
            return
        try:
            await self.app(scope, receive, send_secure)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            crash = SafeJSONResponse(
                error_json(500, "internal_error", "Internal server error"), status_code=500)
            await crash(scope, receive, send_secure)


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[: host.find("]") + 1] if "]" in host else host
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""



def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False



async def bearer_body(request: Request, token: str | None, max_body: int) -> bytes:
    """The body of a request that must carry ``Authorization: Bearer <token>``: 404 when
    the app has no token (the route does not exist), 401 without the header, 403 with a
    wrong token (compared in constant time), 413 past ``max_body`` bytes (announced or
    streamed)."""
    if token is None:
        raise ApiError(404, "not_found", "Not Found")
    auth = request.headers.get("authorization")
    if not auth:
        raise ApiError(401, "unauthorized", "Send Authorization: Bearer <token>.",
                       headers={"WWW-Authenticate": "Bearer"})
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8", "surrogateescape"), token.encode("utf-8")):
        raise ApiError(403, "forbidden", "Wrong token.")
    too_big = ApiError(413, "payload_too_large", f"The body may be at most {max_body} bytes.")
    length = request.headers.get("content-length")
    if length is not None:
        if not _DIGITS.fullmatch(length.strip()):
            raise ApiError(400, "bad_request", "Invalid Content-Length.")
        if int(length) > max_body:
            raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body += chunk[: max_body + 1 - len(body)]
        if len(body) > max_body:
            raise too_big
    return bytes(body)
