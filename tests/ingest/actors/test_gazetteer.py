"""The gazetteer: its scanner (checked against the plain longest-match scan), countries, places."""

from __future__ import annotations

import pytest
from geokg.ingest.actors.gazetteer import Gazetteer
from geokg.ingest.actors.words import singular, tokenize
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


GAZ = Gazetteer.default()


def plain_scan(g: Gazetteer, toks: list[str]) -> list[tuple[int, int, tuple]]:
    """Greedy longest match trying every length at every token: the definition the
    indexed, memoised scanner must agree with."""
    longest = max(len(k) for k in [*g._exact, *g._folded, *g._roles])
    out, i, n = [], 0, len(toks)
    while i < n:
        found = None
        for size in range(min(longest, n - i), 0, -1):
            key = tuple(toks[i:i + size])
            entries = list(g._exact.get(key, ()))
            if not entries:
                entries = list(g._folded.get(tuple(t.lower() for t in key), ()))
            if not entries and size == 1 and key[0].endswith("s") and key[0][:1].isupper():
                entries = [e for e in g._exact.get((key[0][:-1],), ()) if e.kind == "name"]
            role = g._roles.get(tuple(singular(t) for t in key))
            if role is not None and (entries == [] or all(e.kind == "role" for e in entries)):
                entries = [role]
            elif role is not None and size > 1:
                entries = entries + [role]
            if entries:
                found = (i, i + size, tuple(entries))
                break
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


# pieces of token sequences: whole gazetteer terms (in any case), their first words, plurals,
# possessives and filler words, so that terms overlap, nest and run into each other
_TERMS = sorted({*GAZ._exact, *GAZ._folded, *GAZ._roles})
_FILLER = ["the", "and", "of", "in", "'s", "said", ",", "new", "Mexicos", "forces", "Officials", "police", "x"]
_piece = st.one_of(
    st.sampled_from(_TERMS).map(list),
    st.sampled_from(_TERMS).map(lambda k: [k[0]]),
    st.sampled_from(_TERMS).map(lambda k: [w.upper() for w in k]),
    st.sampled_from(_TERMS).map(lambda k: [w.lower() + "s" for w in k[:1]]),
    st.sampled_from(_FILLER).map(lambda w: [w]),
)
_tokens = st.lists(_piece, max_size=8).map(lambda pieces: [w for p in pieces for w in p])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_tokens)
def test_scan_agrees_with_the_plain_scan(toks):
    got = [(m.start, m.end, m.entries) for m in GAZ._scan(toks)]
    assert got == plain_scan(GAZ, toks)
    assert [(m.start, m.end, m.entries) for m in GAZ._scan(toks)] == got  # memoised: the same again


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_piece, max_size=12), st.lists(st.sampled_from([" ", "  ", "\n", " (", ", ", "-"]), min_size=12,
                                                max_size=12))
def test_country_mentions_offsets(pieces, seps):
    text = "".join(" ".join(p) + sep for p, sep in zip(pieces, seps))
    toks = tokenize(text)
    expected = []
    for m in plain_scan(GAZ, [t for t, _, _ in toks]):
        for e in m[2]:
            if e.kind in ("name", "adjective", "demonym", "capital", "seat") and e.iso3:
                expected.append((e.iso3, toks[m[0]][1]))
                break
    assert GAZ.country_mentions(text) == expected


def test_countries_and_places(gaz):
    assert gaz.countries_in("Mexican and US officials met in Beijing") == ["MEX", "USA", "CHN"]
    assert gaz.country_mentions("Troops left Kabul.") == [("AFG", 12)]
    assert gaz.place_country("in Sinaloa") == "MEX"
    assert gaz.place_country("at this jail in northern Israel") == "ISR"
    assert gaz.place_country("somewhere") is None and gaz.place_country("somewhere") is None


def test_country_and_sector_actors(gaz):
    a = gaz.sector_actor("MEX", "GOV", "the Mexican government")
    assert (a.id, a.name, a.kind, a.aliases) == ("actor:MEX-GOV", "Mexican government", "organization",
                                                ("Mexican government", "the Mexican government"))
    assert gaz.sector_actor(None, "REB").id == "actor:REB" and gaz.sector_actor(None, "REB").kind == "group"
    assert gaz.country_actor("MEX").name == "Mexico" and gaz.country_name("XXX") == "XXX"


def test_bad_data_files_are_named(tmp_path):
    from geokg.ingest.actors import ActorDataError

    with pytest.raises(ActorDataError, match="actors/words.tsv"):
        Gazetteer(data_dir=tmp_path)


def test_first_entries_come_before_geokgs_and_extra_after():
    from geokg.ingest.actors.data import Entry

    user = [("Mexico", Entry("name", iso3="MXX")), ("envoy", Entry("role", sector="IGO"))]
    first = Gazetteer(first=user)
    last = Gazetteer(extra=user)
    assert first._scan(["Mexico"])[0].first("name").iso3 == "MXX"
    assert last._scan(["Mexico"])[0].first("name").iso3 == "MEX"
    assert first._scan(["envoys"])[0].first("role").sector == "IGO"


def test_an_extra_country_name_that_is_the_countrys_demonym_names_its_people():
    # Phoenix lists "Briton" among Britain's names: "a Briton" is a British civilian, not the state
    from geokg.ingest.actors.coder import ActorCoder
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.records import Argument

    extra = [("Briton", Entry("name", iso3="GBR")), ("Blighty", Entry("name", iso3="GBR")),
             ("Frenchman", Entry("name", iso3="DEU")), ("Britons", Entry("name", iso3="GBR"))]
    coder = ActorCoder(extra=extra)
    assert coder._scan(["Briton"])[0].first("name") is None
    assert coder._scan(["Blighty"])[0].first("name").iso3 == "GBR"  # a name geokg does not know as a demonym
    assert coder._scan(["Frenchman"])[0].first("name").iso3 == "DEU"  # another country's word: kept
    assert coder._scan(["Britons"])[0].first("name").iso3 == "GBR"  # a plural: the nation may act as its state
    arg = Argument("object", "a Briton", 0, 8, head="Briton")
    assert [a.id for a in coder.code_arguments(arg)] == ["actor:GBR-CVL"]


def test_a_dictionary_name_of_three_words_matches_its_hyphenated_given_name():
    from geokg.ingest.actors import ActorCoder
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.records import Actor, Argument

    lin = Actor("person:lin-mei-hua", "Lin Mei Hua", "person", "TWN", "GOV")
    coder = ActorCoder(extra=[("lin mei hua", Entry("person", iso3="TWN", actor=lin))])
    for text in ("Lin Mei-hua", "Lin Mei Hua", "President Lin Mei-hua"):
        a = coder.code_argument(Argument("subject", text, 0, len(text), head=text.split()[-1], label="PERSON"))
        assert (a.id, a.country) == ("person:lin-mei-hua", "TWN"), text
