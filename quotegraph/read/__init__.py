"""Reading articles from files, directories and standard input; see `files` and `decode`."""

from quotegraph.read.files import ReadFailure, ReadResult, iter_articles, parse_html

__all__ = ["ReadFailure", "ReadResult", "iter_articles", "parse_html"]
