"""The build summary counts what the coder discarded and why."""

from __future__ import annotations

from geokg.graph.builder.run import BuildReport
from geokg.graph.builder.writer import ArticleOutput
from geokg.graph.cli import _discard_summary


def test_report_counts_discard_reasons():
    report = BuildReport()
    for reasons in (("story: world cup",), ("sentence: badminton", "sentence: badminton"), ()):
        report.add_output(ArticleOutput("a", None, "g", "", "d", discarded=reasons))
    assert report.discarded == {"story: world cup": 1, "sentence: badminton": 2}
    assert _discard_summary(report.discarded) == "3 (sentence: badminton x2, story: world cup x1)"
    assert _discard_summary(BuildReport().discarded) == "0"
