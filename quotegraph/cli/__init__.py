"""The `quotegraph` command: a thin layer over the library; each submodule adds its commands."""

import click

from quotegraph import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotegraph")
def main() -> None:
    """Who said what, when and where: quotations and their speakers from news articles."""


from quotegraph.cli import extract as _extract  # noqa: E402,F401  (registers commands)

from quotegraph.cli import store as _store  # noqa: E402,F401

from quotegraph.cli import serve as _serve  # noqa: E402,F401

from quotegraph.cli import batch as _batch  # noqa: E402,F401
