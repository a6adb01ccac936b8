#!/usr/bin/env bash
# Build the bundled sample site into output/, installing what is needed first.
# Any arguments are passed to `site-builder build` (e.g. --no-minify, --today 2026-01-01).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" ""
# Word/PDF downloads: CJK fonts, Pango and HarfBuzz's subsetter for WeasyPrint (without it fontTools subsets
# each Noto CJK font in ~2.5 s a PDF instead of ~0.1 s); skip with --no-downloads on machines without them
need_apt fonts-noto-cjk fonts-arphic-ukai libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
cd "$ROOT"
exec "$VENV/bin/site-builder" build . "$@"
