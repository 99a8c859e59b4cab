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
