"""N-Triples/N-Quads term syntax shared by the RDF writer and the stores: the one escape table.

Examples
--------
>>> 'say "hi"\\n'.translate(NT_ESCAPES)
'say \\\\"hi\\\\"\\\\n'
"""

from __future__ import annotations

__all__ = ["NT_ESCAPES"]

#: ``str.translate`` table escaping a literal's lexical form inside ``"..."`` (N-Triples ECHAR).
NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
