#!/usr/bin/env bash
# Rebuild quotegraph/models/polnear from PolNeAR train (never from polnear-dev).
# Usage: scripts/polnear/train.sh [gold-train.jsonl] [work-dir]   (run from the repo root)
# The shipped model is three trainings on all of train for MAX_STEPS, from seeds 0, 1 and 2, whose
# scores quotegraph sums (quotegraph/extract/learned.py). MAX_STEPS is the step count a run with
# DEV_SHARE=0.1 (10% of train held out, the best checkpoint kept) chose.
set -euo pipefail
GOLD=${1:-../shared/data/polnear-train.jsonl}
WORK=${2:-/tmp/polnear}
PY=${PY:-.venv/bin/python}
DEV_SHARE=${DEV_SHARE:-0}
MAX_STEPS=${MAX_STEPS:-2000}
SEEDS=${SEEDS:-0 1 2}
HERE=scripts/polnear
DEST=quotegraph/models/polnear
[ -f "$WORK/train.spacy" ] || $PY $HERE/convert.py "$GOLD" "$WORK" "$DEV_SHARE"
# With nothing held out there is no score to stop on: train all MAX_STEPS.
PATIENCE=$([ "$DEV_SHARE" = 0 ] && echo 0 || echo 1200)
CHOSEN=$([ "$DEV_SHARE" = 0 ] && echo model-last || echo model-best)
rm -rf "$WORK/pkg"
for SEED in $SEEDS; do
    $PY -m spacy train $HERE/config.cfg --code $HERE/reader.py --output "$WORK/out$SEED" \
        --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" --nlp.batch_size 8 \
        --training.max_steps "$MAX_STEPS" --training.patience "$PATIENCE" --system.seed "$SEED"
    $PY $HERE/package.py "$WORK/out$SEED/$CHOSEN" "$WORK/pkg/seed$SEED"
done
rm -rf "$DEST" && cp -r "$WORK/pkg" "$DEST"  # only once every seed has trained
du -sh "$DEST"
