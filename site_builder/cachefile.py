"""Cache files between builds: a one-line JSON header (tool version, what the contents are valid for, the
checksum of the rest), then the payload as JSON, written atomically. Anything missing, damaged, tampered
with or made for something else reads as nothing.

The checksum covers the payload's bytes as written, so neither reading nor writing serialises twice."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import __version__


def read_cache(path: Path, valid_for: str) -> Any | None:
    try:
        raw = path.read_bytes()
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if header["tool"] != __version__ or header["for"] != valid_for \
                or header["checksum"] != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cache(path: Path, valid_for: str, payload: Any) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"tool": __version__, "for": valid_for, "checksum": hashlib.sha256(body).hexdigest()}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + body)
    temporary.replace(path)
