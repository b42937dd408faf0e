"""Near-duplicate texts: shingled MinHash signatures and an LSH index (datasketch).

Syndicated copies of one wire story differ in a byline, a dateline or a
footer, not in their body.  A text's *shingles* are its overlapping word
5-grams (lower-cased, punctuation dropped); the Jaccard similarity of two
shingle sets is estimated from 128-permutation MinHash signatures, and
:class:`NearDupIndex` finds, through locality-sensitive hashing, a stored text
whose estimated similarity is at least ``threshold`` (0.8 by default): LSH
proposes candidates at half the threshold, and each is checked.
Exact copies are caught first by :func:`content_hash`.

Signatures are kept as base64 text (:func:`encode_signature`) so that the
watch state, a JSON file, can hold them and rebuild the index on restart.

Examples
--------
>>> wire = ("The two delegations met in Geneva on Monday and agreed to resume talks on the "
...         "border crossings next week, officials from both governments said after the meeting.")
>>> index = NearDupIndex()
>>> index.add("a1", signature(wire))
>>> index.match(signature("By Staff Reporter. " + wire))
'a1'
>>> index.match(signature("Heavy rain closed the port of Valparaiso for a second day on Tuesday.")) is None
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

__all__ = [
    "NUM_PERM",
    "SHINGLE",
    "NearDupIndex",
    "content_hash",
    "decode_signature",
    "encode_signature",
    "shingles",
    "signature",
]

#: Permutations per MinHash signature.
NUM_PERM = 128
#: Words per shingle.
SHINGLE = 5
_SCHEME = "affine32"  # datasketch's hashing scheme, fixed so stored signatures stay comparable
_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def content_hash(text: str) -> str:
    """A digest of the text's words (case, spacing and punctuation ignored).

    Examples
    --------
    >>> content_hash("Talks resume.") == content_hash("  talks RESUME ")
    True
    """
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()[:32]


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The word ``k``-grams of ``text`` (the whole text when it is shorter).

    Examples
    --------
    >>> sorted(shingles("A b, C d", k=3))
    ['a b c', 'b c d']
    >>> shingles("Short one", k=5)
    {'short one'}
    """
    words = _words(text)
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> Any:
    """The MinHash signature (a ``datasketch.MinHash``) of ``text``'s shingles."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, scheme=_SCHEME)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return m


def encode_signature(sig: Any) -> str:
    """A signature as base64 text (for the JSON state).

    Examples
    --------
    >>> sig = signature("One two three four five six")
    >>> decode_signature(encode_signature(sig)).jaccard(sig)
    1.0
    """
    import numpy as np

    return base64.b64encode(np.asarray(sig.hashvalues, dtype="<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> Any:
    """The signature that :func:`encode_signature` wrote.

    Raises
    ------
    ValueError
        When the text is not such a signature.
    """
    import numpy as np
    from datasketch import MinHash

    try:
        values = np.frombuffer(base64.b64decode(text.encode("ascii"), validate=True), dtype="<u4")
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValueError(f"not a MinHash signature: {exc}") from None
    if len(values) != NUM_PERM:
        raise ValueError(f"not a MinHash signature: {len(values)} values, expected {NUM_PERM}")
    return MinHash(hashvalues=values.astype(np.uint32), scheme=_SCHEME)


class NearDupIndex:
    """Signatures of stored texts by key, queried for a near duplicate.

    Parameters
    ----------
    threshold
        Least estimated Jaccard similarity of two shingle sets for a match.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        # LSH at half the threshold: a pair at the threshold is a candidate with near certainty
        # (at the threshold itself LSH misses about a third); candidates are then checked.
        self._lsh = MinHashLSH(threshold=threshold / 2, num_perm=NUM_PERM)
        self._sigs: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, key: object) -> bool:
        return key in self._sigs

    def add(self, key: str, sig: Any) -> None:
        """Index ``sig`` under ``key`` (a key already indexed is left alone)."""
        if key not in self._sigs:
            self._sigs[key] = sig
            self._lsh.insert(key, sig)

    def match(self, sig: Any) -> str | None:
        """The key of the most similar indexed text at or above the threshold, or ``None``.

        LSH candidates are checked against the estimated similarity; ties go
        to the smallest key, so the answer does not depend on insertion order.
        """
        best: tuple[float, str] | None = None
        for key in self._lsh.query(sig):
            score = self._sigs[key].jaccard(sig)
            if score >= self.threshold and (best is None or (-score, key) < (-best[0], best[1])):
                best = (score, key)
        return best[1] if best else None
