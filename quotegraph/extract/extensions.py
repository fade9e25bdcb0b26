"""The `Doc._` attributes quotegraph sets, registered once and never silently overwritten."""

from spacy.tokens import Doc

DOC_EXTENSIONS = ("quotes", "speakers")


def set_extensions(force: bool = False) -> None:
    """`doc._.quotes` (list of model.Quote) and `doc._.speakers` (list of model.Speaker)."""
    for name in DOC_EXTENSIONS:
        if force or not Doc.has_extension(name):
            Doc.set_extension(name, default=None, force=force)
