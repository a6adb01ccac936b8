"""The theme's static files (CSS, JS, images), the site's own copies overriding the built-in ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .model import OutputFile
from .templates import theme_dirs

STATIC = "static"


def theme_assets(project_dir: Path) -> Iterator[OutputFile]:
    """Every file under each theme's static/ folder, first one found wins, in a stable order."""
    chosen: dict[str, Path] = {}
    for theme in theme_dirs(project_dir):
        root = theme / STATIC
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                rel = PurePosixPath(STATIC, *path.relative_to(root).parts).as_posix()
                chosen.setdefault(rel, path)
    for rel in sorted(chosen):
        yield OutputFile(path=rel, content=chosen[rel].read_bytes())
