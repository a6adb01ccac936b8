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
        newline = raw.find(b"\n")
        header = json.loads(raw[:newline])
        if newline < 0 or header["tool"] != __version__ or header["for"] != valid_for \
                or header["checksum"] != hashlib.sha256(memoryview(raw)[newline + 1 :]).hexdigest():
            return None
        body = raw[newline + 1 :]
        del raw  # large sites: hold one copy of the file at a time
        return json.loads(body)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cache(path: Path, valid_for: str, payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    body = text.encode("utf-8")
    del text  # as above: the JSON text, its bytes and a joined copy would triple the peak
    header = {"tool": __version__, "for": valid_for, "checksum": hashlib.sha256(body).hexdigest()}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        handle.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        handle.write(body)
    temporary.replace(path)
