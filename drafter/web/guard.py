"""The security rules every request passes, before any route sees it.

- Host must be the address the server is bound to (a DNS-rebinding page cannot use a name
  of its own to reach 127.0.0.1).
- Anything but GET/HEAD changes state: it needs this start's token (in the X-Drafter-Token
  header, which a cross-site form cannot set) and an Origin of the server itself.
- Request bodies are read here, capped (uploads larger, JSON smaller), and replayed.
- With a password (LAN serving), every request but the login page needs the session cookie.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import time

from drafter.web.settings import MAX_JSON_BYTES, MAX_UPLOAD_BYTES, Settings

SAFE_METHODS = {"GET", "HEAD"}
UPLOAD_PATHS = ("/api/import", "/api/intake")
LOGIN_PATHS = ("/login", "/static/")
COOKIE = "drafter_session"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
]


class Guard:
    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings
        self.sessions: set[str] = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path, method = scope["path"], scope["method"]
        s = self.settings

        if headers.get("host", "") not in s.allowed_hosts:
            return await _refuse(send, 421, "主机名不符：本工作台只接受 " + "、".join(sorted(s.allowed_hosts)))
        if method not in SAFE_METHODS:
            if headers.get("origin", "") not in s.allowed_origins:
                return await _refuse(send, 403, "请求来源不符（Origin），已拒绝")
            if not hmac.compare_digest(headers.get("x-drafter-token", ""), s.token):
                return await _refuse(send, 403, "缺少或错误的令牌；请刷新页面后重试")
        if s.password and not self._logged_in(headers) and not path.startswith(LOGIN_PATHS):
            if method in SAFE_METHODS and not path.startswith("/api/"):
                return await _redirect(send, "/login")
            return await _refuse(send, 401, "请先登录")

        limit = MAX_UPLOAD_BYTES if path.startswith(UPLOAD_PATHS) else MAX_JSON_BYTES
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _refuse(send, 413, f"请求过大（上限 {limit // (1024 * 1024)} MB）")
        body = bytearray()
        more = True
        while more and method not in SAFE_METHODS:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                return await _refuse(send, 413, f"请求过大（上限 {limit // (1024 * 1024)} MB）")

        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        started = time.perf_counter()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                # Server-Timing: the time spent answering, for the bench and the browser's tools
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS + [(b"server-timing", took)]
            await send(message)

        scope = dict(scope)
        scope["drafter.guard"] = self
        await self.app(scope, replay, send_with_headers)

    # -- login (LAN serving) ------------------------------------------------------------
    def _logged_in(self, headers: dict[str, str]) -> bool:
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and value in self.sessions:
                return True
        return False

    async def login(self, password: str) -> str | None:
        """A new session id for the right password; a wrong one costs a second (slows guessing)."""
        if self.settings.password and hmac.compare_digest(password.encode(), self.settings.password.encode()):
            session = secrets.token_urlsafe(32)
            self.sessions.add(session)
            return session
        await asyncio.sleep(1.0)
        return None


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": b""})
