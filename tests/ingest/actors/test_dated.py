"""People with date-ranged codes: who an actor is as of an article's date."""

from __future__ import annotations

from datetime import date

import pytest
from geokg.ingest.actors.dated import DatedPeople, country_codes
from geokg.ingest.dictionaries.petrarch import DatedActor, DatedCode
from geokg.ingest.records import Actor


def _parts(code: str) -> tuple[str | None, str | None]:
    head, rest = code[:3], code[3:6] or None
    return (None, head) if head in ("IGO", "ELI") else (head, rest)


def _person(slug: str, name: str, names: tuple[str, ...], codes: tuple[DatedCode, ...], default: str = ""):
    rec = DatedActor(names, codes, default)
    country, sector = _parts(rec.code_on(None))  # as the gazetteer entry has it
    return f"person:{slug}", (rec, Actor(f"person:{slug}", name, "person", country, sector))


@pytest.fixture(scope="module")
def people() -> DatedPeople:
    return DatedPeople(dict([
        # two presidents of one name, twenty years apart
        _person("arlo-vance", "Arlo Vance", ("arlo vance", "president vance"),
                (DatedCode("RURGOV", date(1981, 1, 1), date(1985, 1, 1)),), "RURELI"),
        _person("arlo-vance-jr", "Arlo Vance Jr", ("arlo vance jr", "president vance", "vance jr"),
                (DatedCode("RURGOV", date(2001, 1, 1), date(2009, 1, 1)),), "RURELI"),
        # an official of an international body for some years
        _person("mira-okon", "Mira Okon", ("mira okon",),
                (DatedCode("IGOUNO", date(1997, 1, 1), date(2006, 12, 31)),), "ELI"),
        # a minister of another country with the same surname as the presidents
        _person("dana-vance", "Dana Vance", ("dana vance", "minister vance"),
                (DatedCode("OSTGOV", date(2003, 1, 1), date(2004, 12, 31)),)),
        _person("tomas-reyl", "Tomas Reyl", ("tomas reyl",),
                (DatedCode("OSTMIL", date(2000, 1, 1), date(2010, 1, 1)),)),
    ]), _parts)


def test_codes_as_of_the_date(people):
    mira = Actor("person:mira-okon", "Mira Okon", "person", "GHA", "ELI")
    in_office = people.as_of(mira, date(2000, 6, 1))
    assert (in_office.country, in_office.sector) == (None, "IGO")  # a U.N. official has no country
    later = people.as_of(mira, date(2010, 1, 1))  # no range holds: the default, of no country
    assert (later.country, later.sector) == ("GHA", "ELI")


def test_out_of_every_range_without_default_keeps_the_country_not_the_office(people):
    reyl = Actor("person:tomas-reyl", "Tomas Reyl", "person", "OST", "MIL")
    later = people.as_of(reyl, date(2015, 1, 1))
    assert (later.country, later.sector) == ("OST", None)


def test_a_shared_name_goes_to_the_one_in_office(people):
    first = Actor("person:arlo-vance", "Arlo Vance", "person", "RUR", "ELI")
    a = people.as_of(first, date(2004, 3, 1))
    assert (a.id, a.country, a.sector) == ("person:arlo-vance-jr", "RUR", "GOV")
    b = people.as_of(first, date(1983, 3, 1))
    assert (b.id, b.sector) == ("person:arlo-vance", "GOV")
    # out of office both: the name stays with the record it was found as
    assert people.as_of(first, date(1995, 3, 1)).id == "person:arlo-vance"


def test_surname_with_its_title(people):
    found = people.by_surname("Vance", date(2004, 3, 1), "President")
    assert (found.id, found.sector) == ("person:arlo-vance-jr", "GOV")


def test_surname_alone_needs_one_office_holder(people):
    # two people named Vance held an office in 2004 (a president, a minister), neither
    # much better known than the other: no guess
    assert people.by_surname("Vance", date(2004, 3, 1)) is None
    assert people.by_surname("Jr", date(2004, 3, 1)) is None  # a suffix is no surname
    assert people.by_surname("Vance", date(1983, 3, 1)).id == "person:arlo-vance"
    assert people.by_surname("Reyl", date(2005, 3, 1)).country == "OST"
    assert people.by_surname("Reyl", None) is None  # no date, no office


def test_surname_without_a_date_is_the_best_known_office_holder_when_his_country_is_clear(people):
    # the two presidents Vance held office in one country; a minister Vance of another country is
    # about as well known: no guess
    assert people.by_surname("Vance", None) is None
    presidents = DatedPeople(dict([
        _person("arlo-vance", "Arlo Vance", ("arlo vance", "president vance"),
                (DatedCode("RURGOV", date(1981, 1, 1), date(1985, 1, 1)),), "RURELI"),
        _person("arlo-vance-jr", "Arlo Vance Jr", ("arlo vance jr", "president vance", "vance jr"),
                (DatedCode("RURGOV", date(2001, 1, 1), date(2009, 1, 1)),), "RURELI"),
        # a mayor of another country, of one name: too little known to stand against them
        _person("eli-vance", "Eli Vance", ("eli vance",), (DatedCode("OSTGOV", date(2002, 1, 1), date(2003, 1, 1)),)),
    ]), _parts)
    found = presidents.by_surname("Vance", None, "President")
    assert (found.id, found.country, found.sector) == ("person:arlo-vance-jr", "RUR", "GOV")
    assert presidents.by_surname("Vance", None).country == "RUR"
    out = presidents.people_as_of({"vance": Actor("person:vance", "Vance", "person", None, "GOV", "President")}, None)
    assert (out["vance"].id, out["vance"].country) == ("person:arlo-vance-jr", "RUR")
    # a surname only a record of one name holds names nobody well known
    assert presidents.by_surname("Reyl", None) is None


def test_people_as_of_keeps_the_article_role(people):
    article_people = {
        "vance": Actor("person:vance", "Vance", "person", None, "GOV", "President", ("Vance",)),
        "mira okon": Actor("person:mira-okon", "Mira Okon", "person", None, "ELI"),
        "kim": Actor("person:kim", "Kim", "person", "KOR", None),
    }
    out = people.people_as_of(article_people, date(2004, 3, 1))
    assert (out["vance"].id, out["vance"].country, out["vance"].role) == ("person:arlo-vance-jr", "RUR", "President")
    assert "Vance" in out["vance"].aliases
    assert out["mira okon"].sector == "IGO"
    assert out["kim"] is article_people["kim"]  # a country from the text is kept


def test_country_codes_map_legacy_codes_and_leave_regions_out():
    codes = country_codes()
    assert codes["TMP"] == "TLS" and codes["JAP"] == "JPN" and codes["DEU"] == "DEU"
    assert "MEA" not in codes and "INT" not in codes


def test_surname_of_office_holders_of_one_country():
    people = DatedPeople(dict([
        _person("fidel-orta", "Fidel Orta", ("fidel orta", "president orta", "f. orta"),
                (DatedCode("CUBGOV", date(1976, 1, 1), date(2008, 1, 1)),)),
        _person("raul-orta", "Raul Orta", ("raul orta",), (DatedCode("CUBMIL", date(1976, 1, 1), date(2008, 1, 1)),)),
    ]), _parts)
    found = people.by_surname("Orta", date(2004, 1, 1))
    assert (found.id, found.country) == ("person:fidel-orta", "CUB")  # one country: the best known of them


def test_a_sector_the_text_gives_stands_when_no_code_holds(people):
    reyl = Actor("person:tomas-reyl", "Tomas Reyl", "person", None, "IGO")  # "U.N. envoy Tomas Reyl"
    assert people.as_of(reyl, date(2015, 1, 1)).sector == "IGO"
    assert people.as_of(reyl, date(2005, 1, 1)).sector == "MIL"  # a code holds: the dictionary's


def test_a_former_office_was_held_then(people):
    vance = Actor("person:arlo-vance-jr", "Arlo Vance Jr", "person", "RUR", "ELI", "Former President")
    assert people.as_of(vance, date(2004, 3, 1)).role == "President"
    assert people.as_of(vance, date(2012, 3, 1)).role == "Former President"


def test_without_a_date_a_title_in_office_names_the_office(people):
    # an undated "President Vance Jr said": in office then, not the record's default (elite)
    titled = Actor("person:arlo-vance-jr", "Arlo Vance Jr", "person", "RUR", "GOV", "President")
    assert (people.as_of(titled, None).country, people.as_of(titled, None).sector) == ("RUR", "GOV")
    untitled = Actor("person:arlo-vance-jr", "Arlo Vance Jr", "person", "RUR", "GOV")
    assert people.as_of(untitled, None).sector == "ELI"  # no title: the default
    former = Actor("person:arlo-vance-jr", "Arlo Vance Jr", "person", "RUR", "GOV", "Former President")
    assert people.as_of(former, None).sector == "ELI"
    minister = Actor("person:dana-vance", "Dana Vance", "person", "OST", "MIL", "General")
    assert people.as_of(minister, None).sector == "GOV"  # no office of the title's sector: the default's


def test_without_a_date_a_shared_name_is_the_best_known_holders(people):
    # "President Vance" names both presidents: undated, the one with more names in the dictionary
    first = Actor("person:arlo-vance", "Arlo Vance", "person", "RUR", "ELI")
    assert people.as_of(first, None).id == "person:arlo-vance-jr"
    dana = Actor("person:dana-vance", "Dana Vance", "person", "OST", "GOV")
    assert people.as_of(dana, None).id == "person:dana-vance"  # a name of her own
