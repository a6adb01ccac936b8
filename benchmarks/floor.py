"""What the design card's libraries alone cost: each report's front matter read with PyYAML (libyaml), its body
rendered by markdown-it-pyrs straight to HTML, a one-table Jinja page around it, minify-html, one file written,
on a process pool as wide as the machine. No listings, feeds, 公文 structure, table of contents or portal page
furniture: a lower bound for site_builder's clean build, which compare.py prints beside Hugo's.

    python benchmarks/floor.py CONTENT_FOLDER OUTPUT_FOLDER [--no-minify]"""

from __future__ import annotations

import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import jinja2
import markdown_it_pyrs
import minify_html
import yaml

PAGE = jinja2.Environment(autoescape=True).from_string(
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ meta["信息名称"] }}</title></head>'
    '<body><header><a href="/">首页</a></header><main><table>{% for key, value in meta.items() %}<tr><th>{{ key }}'
    '</th><td>{{ value }}</td></tr>{% endfor %}</table><h1>{{ meta["信息名称"] }}</h1>{{ body|safe }}</main></body>'
    '</html>')
PARSER = markdown_it_pyrs.MarkdownIt("commonmark").enable("table")


def render_chunk(job: tuple[list[str], str, bool]) -> int:
    """Render and write one chunk of reports (a worker's share: pages are written, never sent back)."""
    paths, output, minify = job
    for path in paths:
        _, header, body = Path(path).read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(header, Loader=yaml.CSafeLoader)
        html = PAGE.render(meta=meta, body=PARSER.render(body))
        if minify:
            html = minify_html.minify(html, keep_closing_tags=True, minify_css=True)
        target = Path(output) / Path(path).parent.name / (Path(path).stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return len(paths)


def main() -> None:
    content, output = Path(sys.argv[1]), sys.argv[2]
    minify = "--no-minify" not in sys.argv[3:]
    started = time.perf_counter()
    paths = sorted(str(p) for p in content.rglob("*.md"))
    jobs = [(paths[n : n + 100], output, minify) for n in range(0, len(paths), 100)]
    with Pool(os.cpu_count()) as pool:
        pages = sum(pool.imap_unordered(render_chunk, jobs))
    print(f"{pages} pages in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
