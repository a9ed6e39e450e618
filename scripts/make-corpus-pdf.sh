#!/usr/bin/env bash
# Makes the bundled PDF monographs from their groff sources (Debian package: groff):
#   scripts/pdf/thymogen-sheet.ms      -> corpus/monographs/thymogen-sheet.pdf
#   tests/data/formats/*.ms            -> beside it (the format tests' PDF)
# The PDFs are committed, so building and testing need no groff; run this after editing a source.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v groff >/dev/null || { echo "make-corpus-pdf.sh: needs groff (apt-get install groff)" >&2; exit 2; }
for src in scripts/pdf/*.ms; do
  out="corpus/monographs/$(basename "${src%.ms}").pdf"
  groff -ms -Tpdf "$src" > "$out"
  echo "wrote $out"
done
for src in tests/data/formats/*.ms; do
  groff -ms -Tpdf "$src" > "${src%.ms}.pdf"
  echo "wrote ${src%.ms}.pdf"
done
