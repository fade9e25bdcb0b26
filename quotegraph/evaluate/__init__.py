"""Scoring quotes and speakers against gold, with the metrics of shared/data/README.md."""

from quotegraph.evaluate.report import (
    ArticleErrors,
    Report,
    evaluate,
    format_report,
    read_gold,
    write_errors,
)

__all__ = ["ArticleErrors", "Report", "evaluate", "format_report", "read_gold", "write_errors"]
