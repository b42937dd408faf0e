"""Tests of the static site (geokg.graph.site.render): escaping, links, marks, determinism, scale."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import random
import re
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from geokg.graph.query.tables import ActorInfo, EventRow, event_rows
from geokg.graph.site.model import build_site_model, page_slug, split_span
from geokg.graph.site.render import render_site, sentence_spans, write_site

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ROOT = Path(__file__).resolve().parents[3]

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_URL = "javascript:window.__pwned=1"


def _records_module() -> Any:
    spec = importlib.util.spec_from_file_location("geokg_sample_records_site", FIXTURES / "rdf" / "sample_records.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def hostile_result() -> Any:
    """An article whose title, text, URL and actor names try to inject markup and script."""
    from geokg.ingest.records import (
        Actor,
        Argument,
        Article,
        ArticleResult,
        Event,
        Extraction,
        Sentence,
    )

    title = f"Alpha news {HOSTILE_SCRIPT}"
    text = f"The Alpha Ministry {HOSTILE_IMG} accused the Beta Army on Monday. Beta Army said nothing."
    article = Article.create(title=title, text=text, url=HOSTILE_URL, published=date(2025, 1, 7))
    c = article.content
    s1, e1 = article.body_offset, c.index("Monday.") + len("Monday.")
    s2 = c.index("Beta Army said")
    alpha = Actor("org:alpha", f"Alpha Ministry {HOSTILE_SCRIPT}", "organization", country="FRA", sector="GOV",
                  aliases=(HOSTILE_IMG,))
    beta = Actor("org:beta", f"Beta Army {HOSTILE_IMG}", "organization", country="DEU", sector="MIL")
    subj_text = f"The Alpha Ministry {HOSTILE_IMG}"
    subj = Argument("subject", subj_text, c.index(subj_text), c.index(subj_text) + len(subj_text))
    rel = c.index("accused")
    obj = Argument("object", "the Beta Army", c.index("the Beta Army"), c.index("the Beta Army") + 13)
    ext = Extraction(article_id=article.id, sentence=1, sent_start=s1, sent_end=e1, subject=subj,
                     relation="accused", lemma="accuse", rel_start=rel, rel_end=rel + 7, object=obj)
    event = Event(id="alpha-beta-112", extraction=ext, source=alpha, target=beta, cameo="112", plover="ACCUSE",
                  quad_class=3, goldstein=-2.0, date=date(2025, 1, 6))
    sentences = (Sentence(article.id, 0, 0, len(title), title), Sentence(article.id, 1, s1, e1, c[s1:e1]),
                 Sentence(article.id, 2, s2, len(c), c[s2:]))
    return ArticleResult(article=article, sentences=sentences, extractions=(ext,), events=(event,),
                         actors=(alpha, beta))


def hand_store() -> Any:
    """A memory store with the hostile article and the two hand-made sample articles."""
    from geokg.graph.rdf.writer import article_graph
    from geokg.graph.store import open_store

    mod = _records_module()
    store = open_store(None)
    for result in (hostile_result(), mod.sample_result(), mod.second_result()):
        graph = article_graph(result, run=mod.RUN)
        store.replace_graphs({graph.identifier: list(graph)})
    return store


class Page(HTMLParser):
    """Tags, attributes and text of one page."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._style = False
        self.style = ""
        self.raw = path.read_text(encoding="utf-8")
        self.feed(self.raw)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.style += data
        else:
            self.text.append(data)

    def links(self) -> list[str]:
        return [a[k] for t, a in self.tags for k in ("href", "src") if k in a and a[k] is not None]


def site_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if not p.name.endswith(("graph.html", "map.html")))


@pytest.fixture(scope="module")
def hand_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-hand")
    write_site(hand_store(), out, title=f"Site {HOSTILE_SCRIPT}", interactive_egos=2)
    return out


# --------------------------------------------------------------------------- pure parts


def test_slugs_are_stable_unique_and_safe() -> None:
    a = page_slug("Mexico", "urn:a")
    assert a == page_slug("Mexico", "urn:a") != page_slug("Mexico", "urn:b")
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", page_slug(HOSTILE_SCRIPT + "../..", "urn:x"))
    assert page_slug("", "urn:x").startswith("x-")


def test_split_span_and_mentions_relative_to_the_sentence() -> None:
    assert split_span("abc", 1, 2) == ("a", "b", "c")
    assert split_span("abc", 2, 2) == ("abc", "", "")
    mex = ActorInfo("urn:mex", "Mexico")
    row = EventRow("urn:e", mex, None, "said", "say", None, None, None, None, None, None, None,
                   "Then Mexico said no.", 25, 36, "urn:art", None, None, None)
    (m,) = build_site_model([row], sentence_spans={"urn:art": [(0, 19), (20, 40)]}).events[0].mentions
    assert (m.before, m.marked, m.after) == ("Then ", "Mexico said", " no.")
    # a sentence whose length does not match is left unmarked rather than marked wrongly
    (m,) = build_site_model([row], sentence_spans={"urn:art": [(20, 45)]}).events[0].mentions
    assert m.marked == "" and m.before == "Then Mexico said no."


# --------------------------------------------------------------------------- the site of a small store


def test_site_files_and_counts(hand_site: Path) -> None:
    assert (hand_site / "index.html").is_file() and (hand_site / "graph.html").is_file()
    actors = sorted(p.name for p in (hand_site / "actors").glob("*.html") if not p.name.endswith((".graph.html", ".map.html")))
    events = sorted(p.name for p in (hand_site / "events").glob("*.html"))
    assert len(actors) == 4 and len(events) == 2
    assert len(list((hand_site / "actors").glob("*.graph.html"))) == 2
    assert (hand_site / "map.html").exists() == bool(list((hand_site / "actors").glob("*.map.html")))
    index = Page(hand_site / "index.html")
    text = " ".join(index.text)
    assert "Top actors" in text and "Timeline" in text


def test_untrusted_text_is_escaped_and_only_http_links(hand_site: Path) -> None:
    pages = site_pages(hand_site)
    assert len(pages) >= 9
    seen_hostile_text = 0
    for path in pages:
        page = Page(path)
        tags = {t for t, _ in page.tags}
        assert "script" not in tags and "img" not in tags, path
        for tag, attrs in page.tags:
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
        for link in page.links():
            assert not link.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (path, link)
            assert link.startswith(("http://", "https://")) or "://" not in link, (path, link)
        if HOSTILE_SCRIPT in " ".join(page.text) or HOSTILE_IMG in " ".join(page.text):
            seen_hostile_text += 1
    assert seen_hostile_text >= 4  # the hostile strings are shown, as text
    assert all("<script>window" not in p.read_text(encoding="utf-8") for p in pages)


def test_hostile_url_is_text_and_http_url_is_a_link(hand_site: Path) -> None:
    page = next(Page(p) for p in (hand_site / "events").glob("*.html") if "alpha" in p.name)
    assert HOSTILE_URL in " ".join(page.text)
    assert HOSTILE_URL not in page.links()
    sample = next(Page(p) for p in (hand_site / "events").glob("*.html") if "mexico" in p.name)
    anchors = [a for t, a in sample.tags if t == "a" and a.get("href", "").startswith("https://")]
    assert {a["href"] for a in anchors} == {"https://news.example/mexico-tariffs", "https://other.example/plan"}
    assert all(a.get("rel") == "noopener noreferrer nofollow" for a in anchors)


def test_relative_links_resolve(hand_site: Path) -> None:
    for path in site_pages(hand_site):
        for link in Page(path).links():
            if "://" in link:
                continue
            assert not link.startswith("/"), (path, link)
            target = (path.parent / link.split("#")[0]).resolve()
            assert target.is_file(), (path, link)
            assert hand_site.resolve() in target.parents, (path, link)


def test_event_page_marks_each_mention_span(hand_site: Path) -> None:
    page = next(p for p in (hand_site / "events").glob("*.html") if "mexico" in p.name).read_text(encoding="utf-8")
    assert "<mark>Mexico rejected the plan</mark>" in page
    assert "<mark>Mexico turned down the US plan</mark>" in page
    hostile = next(p for p in (hand_site / "events").glob("*.html") if "alpha" in p.name).read_text(encoding="utf-8")
    assert "<mark>The Alpha Ministry &lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt; accused the Beta Army</mark>" \
        in hostile


def test_csp_forbids_network_and_hashes_the_stylesheet(hand_site: Path) -> None:
    for path in site_pages(hand_site):
        page = Page(path)
        (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert "default-src 'none'" in csp and "http" not in csp and "script-src" not in csp
        digest = base64.b64encode(hashlib.sha256(page.style.encode("utf-8")).digest()).decode("ascii")
        assert f"style-src 'sha256-{digest}'" in csp


def test_actor_page_tables_and_ego(hand_site: Path) -> None:
    page = next(p for p in (hand_site / "actors").glob("mexico-*.html") if not p.name.endswith(".graph.html"))
    html = page.read_text(encoding="utf-8")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert "United States" in html and "REJECT" in html and "Reject" in html  # PLOVER and CAMEO label
    assert "../events/" in html and 'href="united-states-' in html  # ego links to partner pages
    assert 'src="mexico-' in html and ".graph.html" in html  # interactive ego view (top actors only)


def test_site_is_deterministic_and_removes_stale_pages(tmp_path: Path) -> None:
    store = hand_store()
    a, b = tmp_path / "a", tmp_path / "b"
    write_site(store, a, interactive_egos=1)
    (b / "actors").mkdir(parents=True)
    (b / "actors" / "stale-00000000.html").write_text("old", encoding="utf-8")
    (b / "notes.txt").write_text("mine", encoding="utf-8")
    write_site(store, b, interactive_egos=1)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != "notes.txt")
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    assert (b / "notes.txt").exists()
    write_site(store, b, graph_view=False)
    assert not (b / "graph.html").exists() and not list((b / "actors").glob("*.graph.html"))
    assert "Graph</a>" not in (b / "index.html").read_text(encoding="utf-8")


def test_empty_store_gives_a_site(tmp_path: Path) -> None:
    from geokg.graph.store import open_store

    index = write_site(open_store(None), tmp_path)
    html = index.read_text(encoding="utf-8")
    assert "No dated events to plot." in html and "No event links two actors yet." in html


# --------------------------------------------------------------------------- scale


def synthetic_rows(n_actors: int, n_events: int, seed: int = 0) -> list[EventRow]:
    rng = random.Random(seed)
    actors = [ActorInfo(f"urn:actor:{i}", f"Actor {i}", "organization", f"C{i % 40:02d}") for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]  # a few hubs
    rows = []
    start = date(2024, 1, 1)
    for e in range(n_events):
        s, t = rng.choices(actors, weights)[0], rng.choice(actors)
        q = rng.choice([1, 2, 3, 4, None])
        when = start + timedelta(days=rng.randrange(600)) if rng.random() < 0.7 else None
        sentence = f"{s.label} did thing {e} to {t.label}."
        rows.append(EventRow(f"urn:event:{e}", s, t, "did", "do", "042", "CONSULT", q, 1.0, when, None, None,
                             sentence, 0, len(sentence) - 1, f"urn:article:{e // 5}",
                             f"https://news.example/{e // 5}", f"Article {e // 5}", start + timedelta(days=e % 600)))
    return rows


def test_a_thousand_actors_stay_small_and_fast(tmp_path: Path) -> None:
    rows = synthetic_rows(1000, 3000)
    t0 = time.perf_counter()
    render_site(rows, tmp_path, graph_view=False, ego_nodes=30)
    elapsed = time.perf_counter() - t0
    actor_pages = [p for p in (tmp_path / "actors").glob("*.html")]
    assert len(actor_pages) == len({r.source.iri for r in rows} | {r.target.iri for r in rows})
    assert len(list((tmp_path / "events").glob("*.html"))) == 3000
    hub = next(p for p in actor_pages if p.name.startswith("actor-0-"))
    html = hub.read_text(encoding="utf-8")
    assert html.count("<circle") == 30  # the ego drawing is capped
    assert "Showing the 29 partners with most events" in html
    size = sum(p.stat().st_size for p in tmp_path.rglob("*.html"))
    assert size < 60_000_000, size
    assert elapsed < 60, elapsed


# --------------------------------------------------------------------------- the sample corpus


@pytest.mark.model
def test_site_of_the_sample_corpus(sample_store_dir: Path, tmp_path: Path) -> None:
    from geokg.graph.store import open_store

    store = open_store(sample_store_dir, read_only=True)
    try:
        t0 = time.perf_counter()
        index = write_site(store, tmp_path / "site", title="Sample")
        elapsed = time.perf_counter() - t0
        rows = event_rows(store)
        model = build_site_model(rows, sentence_spans=sentence_spans(store))
        exact = _quotes(store)
    finally:
        store.close()
    assert elapsed < 10, elapsed
    site = index.parent
    assert len(list((site / "events").glob("*.html"))) == len({r.event for r in rows})
    pages = [p for p in (site / "actors").glob("*.html") if not p.name.endswith((".graph.html", ".map.html"))]
    assert len(pages) == len(model.actors)
    # every mention's mark is exactly the span the store quotes for it
    marked = [(e.iri, m.marked) for e in model.events for m in e.mentions]
    assert all(text for _, text in marked)
    for iri, text in marked:
        assert text in exact[iri], (iri, text)
    # each actor page lists each of its events once
    mexico = next(a for a in model.actors if a.iri.endswith("country:MEX"))
    html = (site / "actors" / f"{mexico.slug}.html").read_text(encoding="utf-8")
    assert html.count('href="../events/') == len(mexico.events)


def _quotes(store: Any) -> dict[str, set[str]]:
    """Each event's quoted clauses: the article text between its reports' offsets (levels mention and full)."""
    query = """
    PREFIX gk: <https://w3id.org/geokg/ontology#>
    PREFIX schema: <https://schema.org/>
    SELECT DISTINCT ?event ?span ?text WHERE {
      GRAPH ?a { ?event gk:span ?span . ?a schema:text ?text }
    }"""
    out: dict[str, set[str]] = {}
    for event, span, text in store.query(query):
        start, end = map(int, str(span).split(",")[:2])  # the clause: the first two fields
        out.setdefault(str(event), set()).add(str(text)[start:end])
    return out
