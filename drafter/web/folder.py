"""Paths named by the browser, always inside the served folder.

A path comes from the browser as the posix path relative to the folder that the case list
showed. It is resolved (following symlinks) and refused unless the result is still inside
the folder, so `../`, absolute paths, drive letters and links pointing out all fail alike.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from drafter.drafts import DRAFT_SUFFIXES


class OutsideFolder(Exception):
    """The browser named a path that is not a draft inside the served folder (Chinese message)."""

    status = 403


class BadRequest(OutsideFolder):
    """A request the workbench's own pages never send (not JSON, wrong shape)."""

    status = 400


def resolve(root: Path, rel: str | None, suffixes: tuple[str, ...] = DRAFT_SUFFIXES, must_exist: bool = True) -> Path:
    if not rel or "\x00" in rel or "\\" in rel:
        raise OutsideFolder("文件路径无效")
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or ":" in pure.parts[0]:
        raise OutsideFolder("只能打开所服务文件夹中的文件")
    if any(part.startswith(".") for part in pure.parts):
        raise OutsideFolder("不能打开隐藏文件")
    path = (root / Path(*pure.parts)).resolve()
    if not inside(root, path):
        raise OutsideFolder("只能打开所服务文件夹中的文件")
    if path.suffix.lower() not in suffixes:
        raise OutsideFolder(f"文件类型应为 {'、'.join(suffixes)}")
    if must_exist and not path.is_file():
        raise OutsideFolder("文件不存在（可能已被移动或删除），请回到列表刷新")
    return path


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def new_name(root: Path, wanted: str, suffix: str = ".yaml") -> Path:
    """A new draft's path from a name typed in the browser: one file name, in the folder itself."""
    name = wanted.strip()
    if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith(".") or name in ("..",):
        raise OutsideFolder("文件名无效：只写文件名，不要写文件夹，不能以“.”开头")
    if Path(name).suffix.lower() not in DRAFT_SUFFIXES:
        name += suffix
    path = (root / name).resolve()
    if path.parent != root:
        raise OutsideFolder("只能在所服务的文件夹中新建文件")
    return path


def free_name(root: Path, stem: str, suffix: str = ".yaml") -> Path:
    """`stem.yaml`, or `stem-2.yaml`… when taken: an import never replaces a draft."""
    stem = "".join(ch for ch in stem if ch not in '/\\:*?"<>|\x00').strip(". ") or "导入的答复函"
    for n in range(1, 1000):
        path = root / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        if not path.exists() and not path.is_symlink():
            return path
    raise OutsideFolder("同名文件太多，请先整理文件夹")
