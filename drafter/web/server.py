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
    threading.Thread(target=warm_up, daemon=True).start()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(settings.url,)).start()
    server.run(sockets=[sock])


def warm_up() -> None:
    """Load what the first preview and download need (the renderer, the title breaker's word
    list) while the browser is still opening, so the clerk's first keystroke is not the slow one."""
    try:
        import importlib

        from drafter.render.title import break_title

        importlib.import_module("drafter.render.compose")  # python-docx, lxml, the page plan
        break_title("关于市十六届人大五次会议第0185号建议办理情况的答复")
    except Exception:  # noqa: BLE001 - only a head start; the real request reports any problem
        pass
