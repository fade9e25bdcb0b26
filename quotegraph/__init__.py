"""quotegraph: who said what, when and where, from news articles."""

__version__ = "0.1.0"
