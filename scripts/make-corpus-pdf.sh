#!/usr/bin/env bash
# Makes the bundled PDF monograph from its groff source (Debian package: groff):
#   scripts/pdf/thymogen-sheet.ms -> corpus/monographs/thymogen-sheet.pdf
# The PDF is committed, so building and testing need no groff; run this after editing the source.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v groff >/dev/null || { echo "make-corpus-pdf.sh: needs groff (apt-get install groff)" >&2; exit 2; }
for src in scripts/pdf/*.ms; do
  out="corpus/monographs/$(basename "${src%.ms}").pdf"
  groff -ms -Tpdf "$src" > "$out"
  echo "wrote $out"
done
