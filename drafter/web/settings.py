"""What one start of the workbench knows: the folder, the address it answers on, its secrets."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

LOCAL_HOST = "127.0.0.1"
MAX_JSON_BYTES = 4 * 1024 * 1024     # a draft is ≤ 2 MB as text; its JSON with the request around it
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a letter with pictures, a 交办清单 workbook


@dataclass
class Settings:
    root: Path
    host: str = LOCAL_HOST
    port: int = 0
    password: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @property
    def allowed_hosts(self) -> set[str]:
        """Host header values accepted: the bound address (and `localhost` when it is loopback)."""
        names = {self.host}
        if self.host == LOCAL_HOST:
            names.add("localhost")
        if ":" in self.host and not self.host.startswith("["):
            names = {f"[{self.host}]"}
        return {f"{name}:{self.port}" for name in names}

    @property
    def allowed_origins(self) -> set[str]:
        return {f"http://{h}" for h in self.allowed_hosts}

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"
