"""The summitry dashboard and JSON API (FastAPI, Jinja2 templates, no external assets).

``create_app(db)`` builds the application over one database; ``serve(db)`` runs it with
uvicorn on 127.0.0.1.
"""

from __future__ import annotations

from summitry.web.app import create_app, serve

__all__ = ["create_app", "serve"]
