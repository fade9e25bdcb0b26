"""The HTTP API and web UI over a quote store: `create_app(Settings(...))`, run by `quotegraph serve`."""

from quotegraph.serve.app import create_app
from quotegraph.serve.deps import Settings

__all__ = ["Settings", "create_app"]
