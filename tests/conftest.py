"""Shared pytest fixtures. Each helper keeps its fixtures in a module of its own."""

# -- renderer (issue 3): render_docs, render_pdfs ----------------------------------------
from render_fixtures import render_docs, render_pdfs  # noqa: F401

# -- robustness (issue 14): hypothesis profiles, figures of the generated-input suite ---------
from robustness_stats import pytest_terminal_summary  # noqa: F401,E402
