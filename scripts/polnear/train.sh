#!/usr/bin/env bash
# Rebuild quotegraph/models/polnear from PolNeAR train (never from polnear-dev).
# Usage: scripts/polnear/train.sh [gold-train.jsonl] [work-dir]   (run from the repo root)
# The shipped model trains on all of train for MAX_STEPS, the step count a run with DEV_SHARE=0.1
# (10% of train held out, the best checkpoint kept) chose.
set -euo pipefail
GOLD=${1:-../shared/data/polnear-train.jsonl}
WORK=${2:-/tmp/polnear}
PY=${PY:-.venv/bin/python}
DEV_SHARE=${DEV_SHARE:-0}
MAX_STEPS=${MAX_STEPS:-2000}
HERE=scripts/polnear
[ -f "$WORK/train.spacy" ] || $PY $HERE/convert.py "$GOLD" "$WORK" "$DEV_SHARE"
# With nothing held out there is no score to stop on: train all MAX_STEPS.
PATIENCE=$([ "$DEV_SHARE" = 0 ] && echo 0 || echo 1200)
$PY -m spacy train $HERE/config.cfg --code $HERE/reader.py --output "$WORK/out" \
    --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" --nlp.batch_size 8 \
    --training.max_steps "$MAX_STEPS" --training.patience "$PATIENCE"
CHOSEN=$([ "$DEV_SHARE" = 0 ] && echo model-last || echo model-best)
$PY $HERE/package.py "$WORK/out/$CHOSEN" quotegraph/models/polnear
du -sh quotegraph/models/polnear
