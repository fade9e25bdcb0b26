#!/usr/bin/env bash
# Rebuild quotegraph/models/polnear from PolNeAR train (never from polnear-dev).
# Usage: scripts/polnear/train.sh [gold-train.jsonl] [work-dir]   (run from the repo root)
set -euo pipefail
GOLD=${1:-../shared/data/polnear-train.jsonl}
WORK=${2:-/tmp/polnear}
PY=${PY:-.venv/bin/python}
HERE=scripts/polnear
[ -f "$WORK/train.spacy" ] || $PY $HERE/convert.py "$GOLD" "$WORK"
$PY -m spacy train $HERE/config.cfg --code $HERE/reader.py --output "$WORK/out" \
    --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" --nlp.batch_size 8
$PY $HERE/package.py "$WORK/out/model-best" quotegraph/models/polnear
du -sh quotegraph/models/polnear
