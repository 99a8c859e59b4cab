"""Rules beyond the schema. Importing this package registers every rule family."""

from __future__ import annotations

import importlib

from drafter.rules.base import REGISTRY, Context, Rule, register, run_rules, selected, unknown_selectors

# One module per family; each registers its rules on import.
FAMILIES = (
    "placeholders",
    "text",
    "headings",
    "addressee",
    "handling",
    "proposal",
    "category",
    "signature",
    "docnum",
    "dates",
    "deadline",
    "copyto",
    "contacts",
    "case",
    "doctype",
)


def load_all() -> dict[str, Rule]:
    for family in FAMILIES:
        importlib.import_module(f"drafter.rules.{family}")
    return REGISTRY


__all__ = ["Context", "REGISTRY", "Rule", "load_all", "register", "run_rules", "selected", "unknown_selectors"]
