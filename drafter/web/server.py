"""Start the workbench: bind the socket, run uvicorn, open the browser."""

from __future__ import annotations

import socket
import threading
import webbrowser

from drafter.web.settings import Settings


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: a response's headers and body go out at once instead of
    # the body waiting ~40 ms for the browser's delayed ACK (Nagle's algorithm).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def make_server(settings: Settings, sock: socket.socket):
    import uvicorn

    from drafter.web.app import create_app

    settings.port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                            lifespan="off", server_header=False, date_header=False,
                            timeout_graceful_shutdown=2)
    return uvicorn.Server(config)


def run(settings: Settings, open_browser: bool = True, announce=print) -> None:
    """Serve until Ctrl+C. The socket is bound first, so the browser never races the server."""
    sock = bind(settings.host, settings.port)
    server = make_server(settings, sock)
    announce(f"drafter 工作台已启动：{settings.url}  （文件夹：{settings.root}；按 Ctrl+C 停止）")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(settings.url,)).start()
    server.run(sockets=[sock])
