"""`drafter serve`: a local web workbench over a folder of drafts (Starlette on uvicorn).

Modules, one concern each:
  settings   what one start of the server knows: folder, address, token, password
  guard      the security rules every request passes (Host, token + Origin, body size, login)
  folder     paths from the browser, resolved and kept inside the served folder
  cases      the case list (one row per draft)
  editing    live check, fixes and save, through drafter.api and drafter.rewrite
  preview    the HTML A4 preview; exact   the LibreOffice page images
  pages      the HTML shells (data goes in as escaped JSON, never through a template)
  app        the routes; server   starting uvicorn and the browser
"""
