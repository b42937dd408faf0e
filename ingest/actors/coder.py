"""The actor coder: arguments and entity mentions -> actors.

:class:`ActorCoder` splits an argument into conjuncts ("Hungarian and Romanian
officials", "the US and Mexico"), finds each conjunct's head and codes it with the
phrase rules of :class:`~geokg.ingest.actors.phrase.PhraseRules`.  With the spaCy
``Doc`` the argument's offsets point into, the argument is cut to the head's noun
phrase (a clause argument names no actor) and PERSON entities mark person names.

Examples
--------
>>> from geokg.ingest.records import Argument
>>> coder = ActorCoder.default()
>>> text = "Hungarian and Romanian officials"
>>> [a.id for a in coder.code_arguments(Argument("subject", text, 0, len(text), head="officials"))]
['actor:HUN-GOV', 'actor:ROU-GOV']
>>> coder.code_entity("Sinaloa", "GPE").id, coder.code_entity("Palestinian", "NORP").id
('country:MEX', 'country:PSE')
"""

from __future__ import annotations

from dataclasses import replace

from geokg.ingest.actors.data import CodingContext, Memo
from geokg.ingest.actors.doc import DocIndex, person_spans
from geokg.ingest.actors.phrase import PhraseRules, is_generic, office_country
from geokg.ingest.actors.reads import ContextReads, VariantMemo
from geokg.ingest.actors.words import (
    CLAUSE_WORDS,
    DETERMINERS,
    PREPOSITIONS,
    WORD_RE,
    is_pronoun,
    previous_word,
    singular,
    words_of,
)
from geokg.ingest.records import Actor, Argument

__all__ = ["ActorCoder"]

_NONE = object()  # "not memoised yet" (None is a result)
_CLAUSE_WORDS_NO_COMMA = CLAUSE_WORDS - {","}
#: The words that coordinate conjuncts: "," "&" and "and" in any case.
_COORDINATORS = frozenset({",", "&"} | {a + n + d for a in "aA" for n in "nN" for d in "dD"})


#: Prepositions after an unknown head whose conjoined names are each an actor of the phrase.
_POST_CONJ_PREPS = frozenset({"with", "between", "of", "from", "against", "among"})


class ActorCoder(PhraseRules):
    """Codes arguments to actors from gazetteers and role lexicons (see :mod:`geokg.ingest.actors`).

    Build it once with :meth:`default` or :meth:`from_files` and share it (threads
    too): its gazetteers do not change, and its bounded memos only hold results that
    are the same for every article; what depends on an article is memoised in that
    article's :class:`CodingContext`.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # memos of context-free results (no Doc, no article context), bounded
        self._argument_memo = Memo(1 << 14)
        self._entity_memo = Memo(1 << 14)
        self._text_actors_memo = Memo(1 << 15)
        # and of results that read the article context, with what they read of it
        self._text_variants = VariantMemo(1 << 14)
        self._entity_variants = VariantMemo(1 << 14)
        # the index of the Doc being coded, while a coder shares it (:meth:`share_doc_index`)
        self._shared_index: DocIndex | None = None

    # -- coding --------------------------------------------------------------------------
    def code_argument(self, arg: Argument, doc=None, context: CodingContext | None = None) -> Actor | None:
        """The actor an argument names, or None when it names none.

        ``doc`` (the spaCy Doc the argument's offsets point into) sharpens the head
        and the person-name spans; ``context`` supplies the article's people and
        main country.
        """
        actors = self.code_arguments(arg, doc=doc, context=context)
        return actors[0] if actors else None

    def code_arguments(self, arg: Argument, doc=None, context: CodingContext | None = None) -> tuple[Actor, ...]:
        """All actors of an argument: one per conjunct ("Hungarian and Romanian officials").

        Results are memoised per article (in ``context.memo``) and, without a Doc
        and a context, on the coder.
        """
        if type(context) is ContextReads:  # coding an entity for every article: no article memo
            return self._code_arguments(arg, DocIndex(doc) if doc is not None else None, context)
        if context is not None:
            key = ("argument", arg, doc)
            found = context.memo.get(key)
            if found is None:
                found = context.memo[key] = self._code_arguments(arg, self.doc_index(doc, context), context)
            return found
        if doc is not None:
            return self._code_arguments(arg, DocIndex(doc), None)
        found = self._argument_memo.get(arg)
        if found is None:
            found = self._argument_memo.put(arg, self._code_arguments(arg, None, None))
        return found

    def doc_index(self, doc, context: CodingContext | None = None) -> DocIndex | None:
        """The :class:`~geokg.ingest.actors.doc.DocIndex` of ``doc`` (None without a
        Doc), built once per article when ``context`` is given."""
        if doc is None:
            return None
        if context is None:
            shared = self._shared_index
            return shared if shared is not None and shared.doc is doc else DocIndex(doc)
        key = ("doc", doc)
        index = context.memo.get(key)
        if index is None:
            index = context.memo[key] = DocIndex(doc)
        return index

    def share_doc_index(self, index: DocIndex | None) -> None:
        """Let :meth:`doc_index` return ``index`` for its Doc (built before the article's
        context) until called again; ``None`` ends the sharing."""
        self._shared_index = index

    def remember_doc_index(self, index: DocIndex, context: CodingContext) -> None:
        """Let ``context`` keep ``index`` (built before the context) for its article."""
        context.memo[("doc", index.doc)] = index

    def _code_arguments(self, arg: Argument, index: DocIndex | None, context: CodingContext | None
                        ) -> tuple[Actor, ...]:
        text = arg.name.strip()
        if not text:
            return ()
        if arg.resolved and context is not None and text.lower() in context.people:
            # a pronoun resolved to a person the article names ("he" -> "Kofi Annan")
            return (office_country(context.people[text.lower()], context),)
        persons: tuple[tuple[int, int], ...] = ()
        if index is not None and not arg.resolved:
            trimmed = index.noun_phrase(arg)
            if trimmed is None:
                return ()
            trimmed = (self._term_start(index.text, trimmed[0]), trimmed[1])
            if trimmed != (arg.start, arg.end):
                arg = replace(arg, text=index.text[trimmed[0]:trimmed[1]], start=trimmed[0], end=trimmed[1])
                text = arg.text.strip()
            toks = self._tokens(text)
            persons = tuple(person_spans(arg, toks, index))
            if arg.label == "PERSON" and not any(
                    not arg.head or any(t == arg.head for t, _, _ in toks[s:e]) for s, e in persons):
                arg = replace(arg, label="")  # the verbs and objects of a headline's bad PERSON entity
        return self._code_text(text, arg.head if not arg.resolved else "", arg.label, persons, context)

    def _term_start(self, text: str, start: int) -> int:
        """``start``, or the start of the word before it when that word begins a gazetteer
        term the phrase is cut from ("North | Korean and U.S. officials" split by a wrong
        sentence break: "North Korean" is one term)."""
        found = previous_word(text, start)
        if found is None or not text[found[0]].isupper():
            return start
        words = [text[found[0]:found[1]], *words_of(text[start:start + 40])[:4]]
        if any(t.start == 0 and t.end > 1 for t in self._scan(words)):
            return found[0]
        return start

    def _code_text(self, text: str, head_word: str, label: str, persons: tuple[tuple[int, int], ...],
                   context: CodingContext | None) -> tuple[Actor, ...]:
        """The actors of an argument's (trimmed) text, given its head word, NER label and
        person-name spans.  Results are memoised on the coder and shared by every
        article: those that read the article context with what they read of it
        (:mod:`geokg.ingest.actors.reads`), reused where it reads the same."""
        key = (text, head_word, label, persons, context is None)
        found = self._text_actors_memo.get(key)
        if found is not None:
            return found
        if context is not None:
            found = self._text_variants.get(key, context)
            if found is not None:
                return found
        reads = ContextReads(context) if context is not None else None
        found = self._code_text_uncached(text, head_word, label, list(persons), reads)
        if reads is None or not reads.tracked:
            self._text_actors_memo.put(key, found)
        else:
            log = reads.log()
            if log is not None:
                self._text_variants.put(key, log, found)
        return found

    def _code_text_uncached(self, text: str, head_word: str, label: str, persons: list[tuple[int, int]],
                            context) -> tuple[Actor, ...]:
        tokens = self._tokens(text)
        words = [t for t, _, _ in tokens]
        if len(words) == 1 and is_pronoun(words[0]):
            return ()
        head = self._head_index(words, head_word, persons)
        if head is None:
            return ()
        while (head + 2 < len(words) and words[head + 1].lower() == "of"
               and (words[head].lower() in self.words["quantity_heads"] or self._stands_for_of(words, head))):
            # "Tens of thousands of university students": the head is what is counted;
            # "representatives of the rebels", "staff of the UN": the party they act for
            rest = words[head + 2:]
            sub = self._head_index(rest, "", [])
            if sub is None:
                break
            head = head + 2 + sub
        low = words[head].lower()
        if low in self.words["remains_heads"] or (
                low in self.words["remains_of_heads"] and head + 1 < len(words) and words[head + 1].lower() == "of"):
            return ()  # "the body of the late president": the dead do not act
        head = self._appositive_name(words, head)
        parts = self._conjuncts(words, head)
        if len(parts) == 1:
            parts = self._post_conjuncts(words, head) or parts
        out: list[Actor] = []
        for part_words, part_head, offset in parts:
            part_persons = [(s - offset, e - offset) for s, e in persons if s >= offset and e <= offset + len(part_words)]
            alias = text
            if len(parts) > 1 and words[offset:offset + len(part_words)] == part_words:
                # a conjunct's name is its own words, not the coordination's ("Putin", not "Trump and Putin")
                alias = text[tokens[offset][1]:tokens[offset + len(part_words) - 1][2]]
            actor = self.code_phrase(part_words, part_head, label, part_persons, context, alias)
            if actor is not None and actor.id not in {a.id for a in out}:
                out.append(actor)
        return tuple(out)

    def _stands_for_of(self, words: list[str], head: int) -> bool:
        """Whether the head acts for the party of its "of" phrase ("representatives of the rebels",
        "staff of the UN": ``party_heads``; a generic head -- "leader", "officials" -- of an
        organisation or of a body of a sector other than the government: "the leader of the armed
        group *Hezbollah*", "a leader of a Chilean *rebel* group", not "the leader of Chile", the
        country's government) -- not when a capitalised word before it names whose it is
        ("*Australian* employee of a Canadian company")."""
        party = words[head].lower() in self.words["party_heads"] or (
            is_generic(words[head]) and any(
                e.kind == "org" or (e.kind == "role" and e.sector not in (None, "GOV"))
                for m in self._scan(words[head + 2:]) for e in m.entries))
        return party and not any(
            w[:1].isupper() and w.lower() not in DETERMINERS and w.lower() not in self.words["quantity_heads"]
            and w.lower() not in self.words["common_modifiers"] and w.lower() not in self.words["religions"]
            for w in words[:head])

    def _appositive_name(self, words: list[str], head: int) -> int:
        """The last word of an organisation's name in apposition to a common-noun head, which
        the phrase then stands for ("the militant group *Hamas*", "the rights group *Amnesty
        International* said"), else ``head``: the name follows the head at once and ends the
        phrase or comes before a preposition or clause word."""
        if head + 1 >= len(words) or not words[head][:1].islower():
            return head
        m = next((t for t in self._scan(words[head + 1:]) if t.start == 0), None)
        if m is None or not any(e.kind == "org" and e.actor is not None for e in m.entries):
            return head
        end = head + 1 + m.end
        if end < len(words) and words[end].lower() not in PREPOSITIONS and words[end] not in CLAUSE_WORDS:
            return head
        return end - 1

    def is_role_word(self, word: str) -> bool:
        """Whether ``word`` is a role noun ("troops", "officials")."""
        return bool(word) and (singular(word),) in self._roles

    def is_known(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is a gazetteer entry (not an ad-hoc ``org:<slug>``)."""
        return actor_id in self._known_ids

    def _head_index(self, words: list[str], head: str, persons) -> int | None:
        if head:
            for i, w in enumerate(words):
                if w == head:
                    return i
            for i, w in enumerate(words):
                if w.lower() == head.lower():
                    return i
        # heuristic: last word of the first chunk (multi-word terms are not split)
        protected: set[int] = set()
        for m in self._scan(words):
            if m.end - m.start > 1:
                protected.update(range(m.start + 1, m.end))
        last = None
        for i, w in enumerate(words):
            lw = w.lower()
            if i > 0 and i not in protected and (lw in PREPOSITIONS or lw in CLAUSE_WORDS or lw == "and"):
                break
            if WORD_RE.match(w) and lw not in DETERMINERS:
                last = i
        return last

    def _post_conjuncts(self, words: list[str], head: int) -> list[tuple[list[str], int, int]]:
        """"talks with Britain and France", "a deal between Israel and Egypt": a head the
        gazetteer does not know, followed by one phrase of conjoined names, gives one
        phrase per name ("talks with Britain", "talks with France"); else []."""
        if _COORDINATORS.isdisjoint(words[head + 2:]):
            return []  # no conjoined names after a preposition (the tail below would be one phrase)
        if any(m.start <= head < m.end for m in self._scan(words[head:head + 1])):
            return []
        p = next((i for i in range(head + 1, len(words)) if words[i].lower() in PREPOSITIONS), None)
        if p is None or words[p].lower() not in _POST_CONJ_PREPS:
            return []
        tail = words[p + 1:]
        if any(w.lower() in PREPOSITIONS or w.lower() in _CLAUSE_WORDS_NO_COMMA for w in tail):
            return []
        parts = self._conjuncts(tail, len(tail) - 1)
        if len(parts) < 2:
            return []
        return [(words[:p + 1] + part, head, 0) for part, _, _ in parts]

    def _conjuncts(self, words: list[str], head: int) -> list[tuple[list[str], int, int]]:
        """Split "X and Y officials" / "the US and Mexico" into conjuncts.

        Only top-level coordination before the first preposition or clause word
        after the head is split, and only when every conjunct contains a gazetteer
        term; a conjunct that is only a country modifier ("Hungarian and Romanian
        officials") borrows the last conjunct's head noun.
        """
        if _COORDINATORS.isdisjoint(words):
            return [(words, head, 0)]  # no coordination (the cuts below would be empty)
        end = len(words)
        for i in range(head + 1, len(words)):
            if words[i].lower() in PREPOSITIONS or words[i].lower() in _CLAUSE_WORDS_NO_COMMA:
                end = i
                break
        cuts = [i for i in range(end) if words[i].lower() in ("and", "&") or (words[i] == "," and i < end - 1)]
        if not cuts:
            return [(words, head, 0)]
        bounds = [-1, *cuts, end]
        pieces = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
        pieces = [(s, e) for s, e in pieces if e > s and any(WORD_RE.match(w) for w in words[s:e])]
        if len(pieces) < 2:
            return [(words, head, 0)]
        matches = self._scan(words)
        at = {i: m for m in matches for i in range(m.start, m.end)}
        def identifiable(s: int, e: int) -> bool:
            # a gazetteer term, or a capitalised name ("Barack Obama and Vladimir Putin"); not a piece ending
            # in a common noun the gazetteer does not know: "EU *transport* and energy commissioner X" joins
            # two modifiers of one head, not two actors
            caps = [w for w in words[s:e] if w[:1].isupper() and w.lower() not in DETERMINERS]
            last = e - 1
            if last not in at and words[last][:1].islower() and WORD_RE.match(words[last]) and last != head:
                return False
            return any(i in at for i in range(s, e)) or len(caps) >= 2

        if not all(identifiable(s, e) for s, e in pieces):
            return [(words, head, 0)]
        out = []
        last_s, last_e = pieces[-1]
        last_head = head if last_s <= head < last_e else _last_word(words[last_s:last_e]) + last_s
        k = last_s
        while k < last_head and (words[k].lower() in DETERMINERS or (k in at and at[k].first("adjective", "demonym", "name"))):
            k += 1
        shared = words[k:last_head + 1]
        # "two Americans and *a Briton*": a nationality noun at the last head is no head the others share
        own_heads = last_head in at and at[last_head].first("demonym") is not None and at[last_head].first("role") is None
        for s, e in pieces:
            piece_head = head if s <= head < e else _last_word(words[s:e]) + s
            ph = at.get(piece_head)
            modifier_only = (
                (s, e) != (last_s, last_e) and ph is not None and ph.first("adjective", "demonym", "name") is not None
                and ph.first("role") is None and k > last_s and k <= last_head and not own_heads
                and (ph.first("adjective") is not None or words[piece_head][-1:] == "s")
            )
            if modifier_only and ph.first("name") is not None and ph.first("adjective") is None:
                modifier_only = False
            if modifier_only:
                sub = words[s:piece_head + 1] + shared
                out.append((sub, len(sub) - 1, s))
            else:
                tail = words[s:end] if (s, e) == (last_s, last_e) else words[s:e]
                out.append((tail, piece_head - s, s))
        return out

    # -- mentions ------------------------------------------------------------------------
    def code_entity(self, text: str, label: str, context: CodingContext | None = None) -> Actor | None:
        """Code an NER entity mention (its text and spaCy label) to an actor (memoised
        like :meth:`code_arguments`)."""
        if label not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            return None
        key = (text, label)
        if context is not None:
            found = context.memo.get(("entity", key), _NONE)
            if found is _NONE:
                # shared by the articles whose context reads the same (see _code_text)
                found = self._entity_variants.get(key, context, _NONE)
                if found is _NONE:
                    reads = ContextReads(context)
                    found = self._code_entity(text, label, reads)
                    log = reads.log()
                    if log is not None:
                        self._entity_variants.put(key, log, found)
                context.memo[("entity", key)] = found
            return found
        found = self._entity_memo.get(key, _NONE)
        if found is _NONE:
            found = self._entity_memo.put(key, self._code_entity(text, label, None))
        return found

    def _code_entity(self, text: str, label: str, context: CodingContext | None) -> Actor | None:
        words = [t for t, _, _ in self._tokens(text)]
        if not words:
            return None
        if label == "NORP":
            m = self._scan(words)
            if len(m) == 1 and m[0].start == 0 and m[0].end == len(words):
                adj = m[0].first("adjective")
                if adj is not None and adj.iso3:
                    return self.country_actor(adj.iso3, text)
        arg = Argument("other", text, 0, len(text), head=_entity_head(words), label=label)
        actor = self.code_argument(arg, context=context)
        if actor is None and label in ("GPE", "LOC") and not (context is not None and text.lower() in context.eponyms):
            iso = self.place_country(text, label)
            return self.country_actor(iso, text) if iso else None
        return actor


def _entity_head(words: list[str]) -> str:
    for i, w in enumerate(words):
        if w.lower() in ("of",) and i > 0:
            return words[i - 1]
    return words[-1] if words[-1] not in ("'s", "’s") else words[-2] if len(words) > 1 else words[-1]



def _last_word(words: list[str]) -> int:
    for i in range(len(words) - 1, -1, -1):
        if WORD_RE.match(words[i]):
            return i
    return len(words) - 1
