"""The routes of the workbench (Starlette). Each handler: check the input, call the library
API (through editing/cases/preview), answer JSON or a page. Blocking work runs in a thread."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.api import Workspace
from drafter.drafts import ExistsError, write_atomic
from drafter.web import editing, pages
from drafter.web.cases import CaseList
from drafter.web.folder import BadRequest, OutsideFolder, new_name, relative, resolve
from drafter.web.guard import COOKIE, Guard
from drafter.web.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
IMPORT_SUFFIXES = (".docx", ".doc", ".wps", ".txt", ".html", ".htm", ".pdf")


def _error(message: str, status: int = 400, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _refused(message: str, **extra: Any) -> JSONResponse:
    """An answer the clerk's own use leads to (the file changed on disk, the name is taken, the
    letter cannot be read): the request was fine, the outcome is "no" and why, in one line.
    Answered 200 with `refused`, so normal use leaves the browser console clean; requests the
    workbench's pages never send (a foreign Host or Origin, no token, too big) keep their 4xx."""
    return JSONResponse({"error": message, "refused": True, **extra})


def _workspace(root: Path) -> Workspace:
    from drafter.profile import Profile

    toml = root / "drafter.toml"
    return Workspace(profile=toml if toml.is_file() else Profile())


def create_app(settings: Settings) -> Guard:
    ws = _workspace(settings.root)
    caselist = CaseList(ws, settings.root)
    folder_label = str(settings.root)

    def shell(kind: str, title: str, boot: Any, body: str, scripts: list[str]) -> HTMLResponse:
        return HTMLResponse(pages.page(kind, title, settings.token, folder_label, boot, body, scripts))

    async def body_json(request: Request) -> dict[str, Any]:
        try:
            value = json.loads(await request.body() or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("请求内容不是 JSON") from None
        if not isinstance(value, dict):
            raise BadRequest("请求内容应为 JSON 对象")
        return value

    def draft_name(payload: dict[str, Any]) -> str:
        name = payload.get("file")
        return name if isinstance(name, str) and name else "草稿.yaml"

    # -- pages -----------------------------------------------------------------------
    async def index(request: Request):
        boot = {"intake": True}  # the 交办清单 upload (drafter intake)
        return shell("list", "答复函列表", boot, pages.LIST_BODY, ["common.js", "list.js"])

    async def edit(request: Request):
        try:
            path = resolve(settings.root, request.query_params.get("file"))
        except OutsideFolder as exc:
            body = f'<p class="error">{html.escape(str(exc))}</p><p><a href="/">回到列表</a></p>'
            return HTMLResponse(pages.page("missing", "无法打开", settings.token, folder_label, {}, body, []),
                                status_code=404)
        rel = relative(settings.root, path)
        opened = await run_in_threadpool(editing.open_file, ws, path, rel)
        boot = {"file": rel, "hash": opened.hash, "data": opened.data, "findings": opened.findings,
                "fatal": opened.fatal, "exact": _exact_available(), "documents": _documents()}
        return shell("editor", rel, boot, pages.EDITOR_BODY,
                     ["common.js", "schema-form.js", "blocks.js", "editor.js"])

    async def login_page(request: Request):
        return shell("login", "登录", {}, pages.LOGIN_BODY, ["common.js", "login.js"])

    async def login(request: Request):
        payload = await body_json(request)
        guard: Guard = request.scope["drafter.guard"]
        session = await guard.login(str(payload.get("password", "")))
        if session is None:
            return _refused("密码不对，请重新输入（区分大小写）")
        response = JSONResponse({"ok": True})
        response.set_cookie(COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    # -- data ------------------------------------------------------------------------
    async def cases(request: Request):
        rows = await run_in_threadpool(caselist.rows)
        return JSONResponse({"rows": rows})

    async def schema(request: Request):
        from drafter.resources import schema_path

        return Response(schema_path().read_bytes(), media_type="application/json")

    async def check(request: Request):
        payload = await body_json(request)
        if request.query_params.get("preview"):
            result = await run_in_threadpool(editing.check_and_preview, ws, payload.get("data"), draft_name(payload))
            return JSONResponse(result)
        findings = await run_in_threadpool(editing.check, ws, payload.get("data"), draft_name(payload))
        return JSONResponse({"findings": findings})

    async def preview(request: Request):
        from drafter.web.preview import preview_html

        payload = await body_json(request)
        result = await run_in_threadpool(preview_html, ws, payload.get("data"), draft_name(payload))
        return JSONResponse(result)

    async def fix(request: Request):
        payload = await body_json(request)
        try:
            data, findings = await run_in_threadpool(
                editing.apply_fix, ws, payload.get("data"), draft_name(payload),
                str(payload.get("code", "")), str(payload.get("field", "")))
        except editing.FixNotFound as exc:
            return _refused(str(exc))
        return JSONResponse({"data": data, "findings": findings})

    async def save(request: Request):
        payload = await body_json(request)
        # a draft deleted on disk while open is still this page's draft: editing.save says so
        path = resolve(settings.root, payload.get("file"), must_exist=False)
        if not isinstance(payload.get("data"), dict):
            return _error("没有要保存的内容")
        try:
            new_hash = await run_in_threadpool(
                editing.save, path, relative(settings.root, path), payload["data"],
                str(payload.get("hash", "")), bool(payload.get("force")))
        except editing.Conflict as exc:
            return _refused(str(exc), conflict=True, diff=exc.diff)
        except editing.SaveFailed as exc:
            return _refused(str(exc))
        caselist.forget(path)
        return JSONResponse({"hash": new_hash})

    async def new(request: Request):
        from drafter.web.creating import scaffold_text

        payload = await body_json(request)
        try:
            path = new_name(settings.root, str(payload.get("name", "")))
        except OutsideFolder as exc:
            return _refused(str(exc))
        text = await run_in_threadpool(scaffold_text, ws, path, payload)
        try:
            await run_in_threadpool(write_atomic, path, text.encode("utf-8"), False)
        except ExistsError:
            return _refused(f"已有同名文件 {path.name}，未覆盖；请换一个文件名")
        return JSONResponse({"file": relative(settings.root, path)})

    async def import_letter(request: Request):
        from drafter.web.creating import ImportRefused, import_letter as do_import

        name = Path(request.query_params.get("name", "")).name
        if Path(name).suffix.lower() not in IMPORT_SUFFIXES:
            return _refused("只能导入 .docx、.doc、.wps、.pdf、.txt 或 .html 文件")
        raw = await request.body()
        try:
            path, notes = await run_in_threadpool(do_import, ws, settings.root, name, raw)
        except ImportRefused as exc:
            return _refused(str(exc))
        return JSONResponse({"file": relative(settings.root, path), "notes": notes})

    async def intake(request: Request):
        from drafter.web.creating import IntakeRefused, intake_list

        name = Path(request.query_params.get("name", "")).name
        if Path(name).suffix.lower() not in (".xlsx", ".xls", ".csv"):
            return _refused("交办清单应为 .xlsx、.xls 或 .csv 文件")
        raw = await request.body()
        try:
            summary = await run_in_threadpool(intake_list, ws, settings.root, name, raw)
        except IntakeRefused as exc:
            return _refused(str(exc))
        return JSONResponse(summary)

    async def rendered(file: Any, kind: Any, refuse) -> Response:
        from drafter.web.creating import RenderProblem, render_file

        path = resolve(settings.root, file if isinstance(file, str) else None)
        try:
            data, filename, media = await run_in_threadpool(render_file, ws, path, str(kind or "docx"))
        except RenderProblem as exc:
            return refuse(str(exc))
        ascii_name = "drafter" + Path(filename).suffix  # for clients without RFC 6266
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
        return Response(data, media_type=media, headers={"content-disposition": disposition})

    async def download(request: Request):
        """A plain link: the file, or 422 and why."""
        q = request.query_params
        return await rendered(q.get("file"), q.get("format"), lambda why: _error(why, 422))

    async def download_for_page(request: Request):
        """The editor's download buttons: the file, or (as JSON) why not, shown in the page."""
        payload = await body_json(request)
        return await rendered(payload.get("file"), payload.get("format"), _refused)

    async def exact(request: Request):
        from drafter.web.exact import exact_pages

        payload = await body_json(request)
        result = await run_in_threadpool(exact_pages, ws, payload.get("data"), draft_name(payload))
        return JSONResponse(result)

    async def outside(request: Request, exc: OutsideFolder):
        return _error(str(exc), exc.status)

    async def not_found(request: Request, exc):
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            # a mistyped address in the browser: a page in Chinese with the way back, not JSON
            body = '<p class="error">没有这个页面</p><p><a href="/">回到列表</a></p>'
            return HTMLResponse(pages.page("missing", "没有这个页面", settings.token, folder_label, {}, body, []),
                                status_code=404)
        return _error("没有这个页面", 404)

    async def internal(request: Request, exc: Exception):
        import traceback

        traceback.print_exception(exc)  # for whoever started the server; the clerk gets one line
        return _error(f"工作台内部出错（{type(exc).__name__}），请把这行字和终端里的内容告诉管理员", 500)

    async def favicon(request: Request):
        return Response(status_code=204)

    routes = [
        Route("/", index),
        Route("/edit", edit),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/api/cases", cases),
        Route("/api/schema", schema),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/new", new, methods=["POST"]),
        Route("/api/import", import_letter, methods=["POST"]),
        Route("/api/exact", exact, methods=["POST"]),
        Route("/api/intake", intake, methods=["POST"]),
        Route("/download", download),
        Route("/api/download", download_for_page, methods=["POST"]),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={OutsideFolder: outside, 404: not_found, 405: not_found,
                                                       Exception: internal})
    return Guard(app, settings)


def _exact_available() -> bool:
    from drafter.render.pdf import find_soffice
    import shutil

    return bool(find_soffice() and shutil.which("pdftoppm"))


def _documents() -> list[dict[str, str]]:
    """Downloads beyond the letter itself, where the document-types issue has landed them."""
    from drafter.web.creating import other_documents

    return other_documents()
