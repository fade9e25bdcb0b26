"""`quotegraph serve` refuses a store it cannot open, with the reason, before starting a server."""

from __future__ import annotations

from click.testing import CliRunner

from quotegraph.cli import main


def test_serve_reports_a_store_it_cannot_open(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "no" / "such" / "dir" / "x.db")])
    assert result.exit_code == 1
    assert "cannot open store" in result.output


def test_serve_help_names_its_options():
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--db" in out and "--host" in out and "--port" in out and "127.0.0.1" in out
