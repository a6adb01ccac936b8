from pathlib import Path

from site_builder.assets import theme_assets


def test_builtin_assets_listed_in_order(tmp_path: Path) -> None:
    paths = [f.path for f in theme_assets(tmp_path)]
    assert "static/site.css" in paths and "static/site.js" in paths
    assert paths == sorted(paths)
