"""The real workbench server in a thread, on a free loopback port, over a folder of copies of
the examples; plain HTTP requests to it with any Host/Origin/token (for the security tests)."""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.web.server import bind, make_server
from drafter.web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def copy_examples(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in EXAMPLES.glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        # the examples point at ../schemas; a copy elsewhere must not carry a broken reference
        (folder / p.name).write_text(text, encoding="utf-8")
    return folder


@dataclass
class Running:
    settings: Settings
    thread: threading.Thread
    server: object

    @property
    def url(self) -> str:
        return self.settings.url.rstrip("/")

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.settings.port}"

    def request(self, method: str, path: str, body: bytes | str | dict | None = None, *,
                host: str | None = None, origin: str | None = "same", token: str | None = "same",
                headers: dict | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.settings.port, timeout=60)
        h = {"Host": self.host if host is None else host}
        if origin == "same":
            origin = "http://" + self.host
        if origin is not None and method != "GET":
            h["Origin"] = origin
        if token == "same":
            token = self.settings.token
        if token is not None and method != "GET":
            h["X-Drafter-Token"] = token
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            h["Content-Type"] = "application/json"
        elif isinstance(body, str):
            body = body.encode("utf-8")
        h.update(headers or {})
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        if body is not None and "Transfer-Encoding" not in h and "Content-Length" not in h:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            conn.send(body)
        response = conn.getresponse()
        data = response.read()
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        conn.close()
        return result

    def json(self, method: str, path: str, body=None, **kw) -> tuple[int, dict]:
        status, _, data = self.request(method, path, body, **kw)
        return status, json.loads(data or b"{}")


@contextlib.contextmanager
def running(folder: Path, password: str | None = None):
    settings = Settings(root=folder, host="127.0.0.1", port=0, password=password)
    sock = bind(settings.host, 0)
    server = make_server(settings, sock)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Running(settings, thread, server)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


__all__ = ["Running", "copy_examples", "running", "shutil"]
