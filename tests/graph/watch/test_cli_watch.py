"""`geokg watch` on the command line: bad options, a failing feed, the status line (no model needed)."""

from __future__ import annotations

import json

from geokg.graph.cli import app
from typer.testing import CliRunner
from watch_helpers import Route, rss


def test_bad_every_is_named(tmp_path):
    result = CliRunner().invoke(app, ["watch", "http://127.0.0.1:9/f.xml", "--out", str(tmp_path), "--every", "soon"])
    assert result.exit_code == 2 and "invalid duration 'soon'" in result.output


def test_once_reports_failures_and_exits_1(tmp_path, feed_server):
    feed_server.routes["/down.xml"] = Route(b"", status=503)
    feed_server.routes["/empty.xml"] = Route(rss("Quiet", []), etag='"e1"')
    result = CliRunner().invoke(app, ["watch", feed_server.url("/down.xml"), feed_server.url("/empty.xml"),
                                      "--out", str(tmp_path), "--once", "--delay", "0"])
    assert result.exit_code == 1, result.output
    assert "2 feeds polled (0 not modified, 1 failed, 0 in backoff)" in result.output
    assert "HTTP 503 Service Unavailable" in result.output
    line = json.loads((tmp_path / "watch-log.jsonl").read_text())
    assert line["feeds_failed"] == 1 and line["new"] == 0
    again = CliRunner().invoke(app, ["watch", feed_server.url("/down.xml"), feed_server.url("/empty.xml"),
                                     "--out", str(tmp_path), "--once", "--delay", "0"])
    assert again.exit_code == 0 and "1 feeds polled (1 not modified, 0 failed, 1 in backoff)" in again.output
