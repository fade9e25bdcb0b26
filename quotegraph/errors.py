"""Every exception quotegraph raises on purpose."""


class QuotegraphError(Exception):
    """Base class: anything quotegraph raises on purpose."""


class InputError(QuotegraphError):
    """An input file or record cannot be read; the message names it and says why."""


class ModelError(QuotegraphError):
    """No usable spaCy pipeline could be loaded."""
