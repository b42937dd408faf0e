"""A :class:`~spacy.tokens.DocBin` that is cheaper to fill and to write: the same message.

The parse-ahead process sends its parses back as a ``DocBin``
(:func:`~geokg.graph.builder.ahead.doc_bytes`).  spaCy's ``DocBin.add`` collects the
strings a Doc needs by making every token and reading nine of its string attributes
(``text``, ``tag_``, ``lemma_`` ...), and ``to_bytes`` compresses the message with zlib's
default level: together about 7% of geokg's parse of a news article (Python 3.12).  :class:`LeanDocBin`
gives the same message, read by ``DocBin.from_bytes`` as before:

* **The strings of the columns.**  The same nine attributes are columns of the array
  ``add`` already takes (``Doc.to_array``), as hashes; each distinct hash of those columns
  is looked up once in the vocabulary's strings.  Attributes the bin does not store are
  read from the Doc as spaCy reads them.
* **Fast compression.**  zlib's level 1: the bytes go through a pipe to the parent process,
  not to a disk; ``zlib.decompress`` reads any level.

Examples
--------
>>> import spacy
>>> from spacy.tokens import DocBin
>>> nlp = spacy.blank("en")
>>> box = LeanDocBin(attrs=["ORTH", "LEMMA"])
>>> box.add(nlp("Peru protests."))
>>> [d.text for d in DocBin().from_bytes(box.to_bytes()).get_docs(nlp.vocab)]
['Peru protests.']
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG
from spacy.tokens import DocBin

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["LeanDocBin"]

#: The token attributes whose strings ``DocBin.add`` keeps (as ``text``, ``tag_``, ``lemma_``,
#: ``norm_``, ``str(morph)``, ``dep_``, ``ent_type_``, ``ent_kb_id_``, ``ent_id_``).
STRING_ATTRS = (ORTH, TAG, LEMMA, NORM, MORPH, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID)
#: zlib's fastest level.  The default, 6, takes about twice as long for a third fewer bytes (the 1,000 mix
#: articles of ``benchmarks/bench_scale.py`` in chunks of 32: 0.34-0.43 against 0.18-0.19 ms a doc, 2.8 against
#: 4.3 MB), which a pipe between two processes does not need.
LEVEL = 1


class LeanDocBin(DocBin):
    """A ``DocBin`` whose :meth:`add` reads the strings by column and whose :meth:`to_bytes` compresses fast."""

    def add(self, doc: Doc) -> None:
        """Add a Doc's annotations, as ``DocBin.add`` does."""
        import numpy

        array = doc.to_array(self.attrs)
        if len(array.shape) == 1:
            array = array.reshape((array.shape[0], 1))
        self.tokens.append(array)
        spaces = doc.to_array(SPACY)
        self.spaces.append(numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        self._add_strings(doc, array)
        self.cats.append(doc.cats)
        if self.store_user_data:
            import srsly

            self.user_data.append(srsly.msgpack_dumps(doc.user_data))
        self.span_groups.append(doc.spans.to_bytes())
        strings = doc.vocab.strings
        for group in doc.spans.values():
            for span in group:
                self.strings.add(span.label_)
                if span.kb_id in strings:
                    self.strings.add(span.kb_id_)
                if span.id in strings:
                    self.strings.add(span.id_)

    def _add_strings(self, doc: Doc, array: Any) -> None:
        """The strings of :data:`STRING_ATTRS` of every token: one lookup per distinct hash."""
        import numpy

        if not len(doc):
            return
        stored = {attr: k for k, attr in enumerate(self.attrs)}

        def column(attr: int) -> Any:
            return array[:, stored[attr]] if attr in stored else doc.to_array([attr]).reshape(-1)

        strings = doc.vocab.strings
        hashes = numpy.unique(numpy.concatenate([column(attr) for attr in STRING_ATTRS if attr != MORPH]))
        self.strings.update(strings[h] for h in hashes.tolist())
        # ``str(token.morph)``: "" for a token without features, whose analysis is "_"
        empty = doc.vocab.morphology.EMPTY_MORPH
        self.strings.update("" if m == empty else m for m in (strings[h] for h in numpy.unique(column(MORPH)).tolist()))

    def to_bytes(self) -> bytes:
        """The message ``DocBin.to_bytes`` writes, compressed at zlib's :data:`LEVEL`."""
        import numpy
        import srsly

        msg = {
            "version": self.version,
            "attrs": self.attrs,
            "tokens": (numpy.vstack(self.tokens) if self.tokens else numpy.asarray([])).tobytes("C"),
            "spaces": (numpy.vstack(self.spaces) if self.spaces else numpy.asarray([])).tobytes("C"),
            "lengths": numpy.asarray([len(t) for t in self.tokens], dtype="int32").tobytes("C"),
            "strings": sorted(self.strings),
            "cats": self.cats,
            "flags": self.flags,
            "span_groups": self.span_groups,
        }
        if self.store_user_data:
            msg["user_data"] = self.user_data
        return zlib.compress(srsly.msgpack_dumps(msg), LEVEL)
