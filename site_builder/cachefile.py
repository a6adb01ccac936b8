"""Cache files between builds: JSON with the tool version, what the contents are valid for, and a checksum,
written atomically. Anything missing, damaged, tampered with or made for something else reads as nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import __version__


def _checksum(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def read_cache(path: Path, valid_for: str) -> Any | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["tool"] != __version__ or data["for"] != valid_for or data["checksum"] != _checksum(data["payload"]):
            return None
        return data["payload"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cache(path: Path, valid_for: str, payload: Any) -> None:
    data = {"tool": __version__, "for": valid_for, "checksum": _checksum(payload), "payload": payload}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
