"""Shared pytest fixtures. Each helper keeps its fixtures in a module of its own."""

# -- renderer (issue 3): render_docs, render_pdfs ----------------------------------------
from render_fixtures import render_docs, render_pdfs  # noqa: F401
