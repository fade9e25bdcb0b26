"""quotegraph: who said what, when and where, from news articles.

`quotegraph.extract(text)` names the function, not the `quotegraph/extract/` package of
pipeline code: the package is imported first, so binding the function afterwards sticks.
"""

__version__ = "0.1.0"

import quotegraph.extract as _extract_package  # noqa: E402,F401  (see the docstring)
from quotegraph.api import extract, extract_articles  # noqa: E402
from quotegraph.model import Article, ArticleQuotes, Quote, Speaker  # noqa: E402
from quotegraph.store import Store, open_store  # noqa: E402

__all__ = ["Article", "ArticleQuotes", "Quote", "Speaker", "Store", "__version__", "extract", "extract_articles", "open_store"]
