"""The `quotegraph` command: a thin layer over the library; each submodule adds its commands."""

import click

from quotegraph import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotegraph")
def main() -> None:
    """Who said what, when and where: quotations and their speakers from news articles."""


# Each module registers its commands on `main` when imported.
from quotegraph.cli import batch, extract, serve, store  # noqa: E402,F401
