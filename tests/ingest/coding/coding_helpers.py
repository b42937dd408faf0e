"""Helpers shared by the event-coding tests (hand-built articles and extractions)."""

from __future__ import annotations

from datetime import date

from geokg.ingest.records import Argument, Article, Extraction

PUB = date(2025, 1, 23)


def make(text: str, subject: str, rel: str, lemma: str, obj: str | None = None, *, extras=(), kind="event",
         polarity="positive", mode="asserted", sentence: int = 0, title: str = "", published=PUB,
         subj_label="", obj_label="") -> tuple[Article, Extraction]:
    """An article with ``text`` and an extraction whose arguments are substrings of it.

    ``extras`` are (role, prep, text) triples; heads are the last word of each argument.
    """
    art = Article.create(title=title, text=text, url=f"https://x.test/{hash(text)}", published=published)
    content = art.content
    base = art.body_offset

    def a(role, s, prep="", label=""):
        if not s:
            return Argument(role, "", base, base)
        k = content.index(s, base)
        return Argument(role, s, k, k + len(s), head=s.split()[-1], head_lemma=s.split()[-1].lower(),
                        prep=prep, label=label)

    r = content.index(rel, base)
    ex = Extraction(
        art.id, sentence, base, base + len(text), a("subject", subject, label=subj_label), rel, lemma,
        r, r + len(rel), object=a("object", obj, label=obj_label) if obj else None,
        extras=tuple(a(role, s, prep) for role, prep, s in extras), polarity=polarity, mode=mode, kind=kind,
    )
    return art, ex


def model_events(nlp, coder, text: str, *, title: str = "", published=None):
    """The events ``coder`` codes in an article of ``text`` parsed by ``nlp`` (the real model)."""
    from geokg.ingest.extract import extract

    art = Article.create(title=title, text=text, published=published)
    doc = nlp(art.content)
    events, _, _ = coder.code_article(doc, art, list(extract(doc, article_id=art.id)))
    return events


def codes(coder, art, ex):
    """(cameo, source id, target id) of the events of one extraction, coded in its article."""
    events, _, _ = coder.code_article(None, art, [ex])
    return [(e.cameo, e.source and e.source.id, e.target and e.target.id) for e in events]
