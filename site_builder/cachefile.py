"""Cache files between builds: a one-line JSON header (tool version, what the contents are valid for, the
checksum of the rest), then the payload as JSON, written atomically. Anything missing, damaged, tampered
with or made for something else reads as nothing.

The checksum covers the payload's bytes as written, so neither reading nor writing serialises twice; it is
computed while writing and put into the header (its placeholder has the same length) at the end."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from .codeversion import code_version


def read_cache(path: Path, valid_for: str) -> Any | None:
    body = read_binary(path, valid_for)
    try:
        return json.loads(body) if body is not None else None
    except ValueError:
        return None


def read_binary(path: Path, valid_for: str) -> bytes | None:
    """The payload's bytes, if the header matches and the checksum holds."""
    try:
        raw = path.read_bytes()
        newline = raw.find(b"\n")
        header = json.loads(raw[:newline])
        if newline < 0 or header["tool"] != code_version() or header["for"] != valid_for \
                or header["checksum"] != hashlib.sha256(memoryview(raw)[newline + 1 :]).hexdigest():
            return None
        return raw[newline + 1 :]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_binary(path: Path, valid_for: str, payload: bytes) -> None:
    header = {"tool": code_version(), "for": valid_for, "checksum": hashlib.sha256(payload).hexdigest()}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        handle.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        handle.write(payload)
    temporary.replace(path)


def write_cache(path: Path, valid_for: str, payload: Any) -> None:
    """Write payload; a dict is written entry by entry (same bytes as json.dumps), so a large site's cache
    is never held as one JSON text too."""
    header = {"tool": code_version(), "for": valid_for, "checksum": "0" * 64}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    digest = hashlib.sha256()
    with open(temporary, "wb") as handle:
        handle.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        for piece in _pieces(payload):
            data = piece.encode("utf-8")
            digest.update(data)
            handle.write(data)
        header["checksum"] = digest.hexdigest()  # same length as the placeholder: rewritten in place
        handle.seek(0)
        handle.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
    temporary.replace(path)


def _pieces(payload: Any, batch: int = 1000) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if not isinstance(payload, dict) or not all(isinstance(key, str) for key in payload):
        yield dumps(payload)
        return
    yield "{"
    items, separator = iter(payload.items()), ""
    while piece := list(islice(items, batch)):
        yield separator + ",".join(f"{dumps(k)}:{dumps(v)}" for k, v in piece)
        separator = ","
    yield "}"
