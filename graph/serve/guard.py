"""What a query may not do on a public endpoint: call other servers (SERVICE, LOAD).

Oxigraph answers ``SERVICE <url> { … }`` by sending an HTTP request to
``url`` (any host the server can reach) and ``LOAD <url>`` in an update by
fetching it.  :func:`remote_access` finds those keywords the way Oxigraph's
parser sees them: the query is split into SPARQL tokens (strings, IRIs,
comments, variables, prefixed names, words), so ``"SERVICE"`` inside a string
literal, a comment, a variable ``?service`` or a local name ``ex:SERVICE``
is data, while ``service``, ``SERVICE SILENT``, ``SERVICE#comment⏎<url>`` and
the forms Oxigraph's parser also accepts without a space (``SERVICE:x``,
``SERVICEa:x``: a keyword followed directly by a prefixed name) are found
anywhere — in sub-queries, ``FILTER EXISTS``, ``OPTIONAL``, ``UNION``.

Why tokens and not rdflib's parse tree: rdflib's parser takes 0.4–0.9 s per
shipped named query (measured), pyoxigraph exposes no algebra, and rdflib
reads ``SERVICEa:x`` as one prefixed name where Oxigraph reads a SERVICE
clause; a token scan is linear, and it errs on the side of refusing (a word
that merely *starts* with ``service`` outside strings is refused too, with a
message that says so).

Examples
--------
>>> remote_access('SELECT * WHERE { service silent <http://10.0.0.1/q> { ?s ?p ?o } }')
'SERVICE (a federated query to another server) is not allowed on this endpoint (start it with --allow-service)'
>>> remote_access('SELECT * WHERE { ?s <urn:p> "SERVICE <http://x>" } # SERVICE') is None
True
>>> remote_access('LOAD <http://10.0.0.1/data.ttl>', update=True)[:4]
'LOAD'
"""

from __future__ import annotations

import re

__all__ = ["remote_access"]

_TOKENS = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s{}()\[\],;.'"<>=!&|+*/^#-]*)
    | (?P<name>[^\s{}()\[\],;'"<>=!&|+*/^#?$@0-9.-][^\s{}()\[\],;'"<>=!&|+*/^#?$@]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SERVICE = re.compile(r"(?:^|\.)service", re.IGNORECASE)
_LOAD = re.compile(r"(?:^|\.)load", re.IGNORECASE)

_SERVICE_WHY = ("SERVICE (a federated query to another server) is not allowed on this endpoint "
                "(start it with --allow-service)")
_LOAD_WHY = "LOAD (fetching data from a URL) is not allowed on this endpoint (start it with --allow-service)"


def _keyword_part(name: str) -> str:
    """The part of a word or prefixed name where Oxigraph may see a keyword.

    A keyword may be glued to a prefixed name (``SERVICEa:x``), so the prefix
    counts; a local name after ``:`` never starts a keyword (``ex:SERVICE``),
    but a ``.`` inside it starts a new check (conservative).
    """
    prefix, colon, local = name.partition(":")
    return prefix + ("." + local.split(".", 1)[1] if colon and "." in local else "")


def remote_access(text: str, *, update: bool = False) -> str | None:
    """Why ``text`` would make the server contact another host, or ``None``.

    Parameters
    ----------
    text
        A SPARQL query (or update, with ``update=True``: then ``LOAD`` counts too).

    Returns
    -------
    str or None
        A one-line reason naming the keyword and ``--allow-service``.
    """
    for match in _TOKENS.finditer(text):
        if match.lastgroup != "name":
            continue
        part = _keyword_part(match.group())
        if _SERVICE.search(part):
            return _SERVICE_WHY
        if update and _LOAD.search(part):
            return _LOAD_WHY
    return None
