"""Workbench speed: the live check round trip and the preview update, on the largest example.

    python bench/bench_serve.py                      # examples/xiamen-2025.yaml, 60 requests each
    python bench/bench_serve.py examples/cixi-2023.yaml -n 100

Starts the real server (uvicorn, in a thread, on a free loopback port) over a copy of the
example, then sends what the editor sends while a clerk types: the whole draft as JSON, one
character different each time. Prints, for each kind of request, the round trip seen by the
client and the server's own time (its Server-Timing header), mean / median / 95th percentile.
Nothing is asserted. Aims: live check ≤ 50 ms, preview update ≤ 100 ms (server time).
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from drafter.api import Workspace
from drafter.web.server import bind, make_server
from drafter.web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def figures(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"mean {statistics.mean(values):6.1f} ms   median {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "examples" / "xiamen-2025.yaml"))
    parser.add_argument("-n", type=int, default=60)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        source = Path(args.draft)
        shutil.copy(source, Path(tmp) / source.name)
        data = Workspace().open(source).data
        settings = Settings(root=Path(tmp))
        sock = bind("127.0.0.1", 0)
        server = make_server(settings, sock)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.01)
        host = f"127.0.0.1:{settings.port}"
        conn = http.client.HTTPConnection("127.0.0.1", settings.port, timeout=60)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as browsers do
        headers = {"Host": host, "Origin": f"http://{host}", "X-Drafter-Token": settings.token,
                   "Content-Type": "application/json"}

        def post(path: str, k: int) -> tuple[float, float]:
            data["signature"]["leader"] = "洪志新" + "一二三四五六七八九十"[k % 10]  # a keystroke
            body = json.dumps({"file": source.name, "data": data}, ensure_ascii=False).encode()
            start = time.perf_counter()
            conn.request("POST", path, body, headers)
            response = conn.getresponse()
            response.read()
            wall = (time.perf_counter() - start) * 1000
            assert response.status == 200, response.status
            server_ms = float(response.getheader("server-timing").split("dur=")[1])
            return wall, server_ms

        print(f"drafter serve bench: {source.name} ({source.stat().st_size // 1024} KB), n = {args.n}")
        for label, path in (("live check  (/api/check)", "/api/check"),
                            ("preview     (/api/preview)", "/api/preview"),
                            ("as typed    (/api/check?preview=1: findings + preview)", "/api/check?preview=1")):
            for k in range(5):
                post(path, k)  # warm: imports, schema, templates
            walls, servers = zip(*(post(path, k) for k in range(args.n)))
            print(label)
            print(f"  round trip   {figures(list(walls))}")
            print(f"  server time  {figures(list(servers))}")
        # The same work called directly, in CPU time of this thread: what a request costs when
        # the machine is not also busy with other work (wall times above include any contention).
        from drafter.web import editing
        from drafter.web.preview import preview_html

        ws = Workspace()
        for label, work in (("live check", lambda: editing.check(ws, data, source.name)),
                            ("preview", lambda: preview_html(ws, data, source.name)),
                            ("as typed", lambda: editing.check_and_preview(ws, data, source.name))):
            work()
            cpu = []
            for _ in range(args.n):
                start = time.thread_time()
                work()
                cpu.append((time.thread_time() - start) * 1000)
            print(f"{label:<11} CPU time   {figures(cpu)}")
        conn.close()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


if __name__ == "__main__":
    main()
