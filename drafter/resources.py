"""Where the bundled schema and templates live, in a source checkout and when installed."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`schemas` or `templates`: inside the wheel they sit in the package, in a checkout beside it."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter data folder missing: {name}")


SCHEMA_NAME = "reply.schema.json"  # also the name of the copy kept beside drafts


def schema_path() -> Path:
    return data_dir("schemas") / SCHEMA_NAME


def schema_beside(draft: Path) -> str:
    """Keep a copy of the schema in the draft's folder, which drafts reference by its bare name
    (`$schema: reply.schema.json`): moving or copying the folder keeps the reference working, and
    moving or upgrading drafter never breaks it. Returns "written", "same" or "different" (an
    existing copy is never overwritten); raises OSError when the copy cannot be written."""
    from drafter.drafts import ExistsError, write_atomic

    target = Path(draft).parent / SCHEMA_NAME
    data = schema_path().read_bytes()
    if target.exists():
        try:
            return "same" if target.read_bytes() == data else "different"
        except OSError:
            return "same"  # unreadable: leave it alone, the draft still names it
    try:
        write_atomic(target, data, force=False)
    except ExistsError:
        return "same"  # written meanwhile by someone else
    return "written"
