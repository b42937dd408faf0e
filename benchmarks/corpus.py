"""A generator of news-style articles for benchmarks (deterministic, own text).

The articles recombine sentence structures like those of the sample corpus
(reported speech, passives, coordination, relative clauses, attribution,
dates, numbers and money) with many actors: countries and their capitals,
officials with titles, organisations, sectors (police, rebels, farmers,
central banks).  People's names are invented.  The text is grammatical and
varied enough for spaCy and geokg's extractor to do real work, but it
describes no real event.

Usage::

    python benchmarks/corpus.py OUT_DIR --mb 2 --seed 7      # JSON Lines shards

or from Python: ``generate_articles(seed)`` yields dicts with ``title``,
``text``, ``date``, ``url`` and ``source``; ``write_corpus(out, mb=2)``
writes them as ``.jsonl`` shards of 100 articles (geokg's JSONL reader reads
a whole file at once, so shards keep that bounded).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

__all__ = ["generate_articles", "write_corpus", "corpus_bytes"]

# (name, adjective, capital, a region or border place)
COUNTRIES = [
    ("Mexico", "Mexican", "Mexico City", "Sonora"), ("Brazil", "Brazilian", "Brasília", "Amazonas"),
    ("Argentina", "Argentine", "Buenos Aires", "Patagonia"), ("Chile", "Chilean", "Santiago", "Antofagasta"),
    ("Colombia", "Colombian", "Bogotá", "Cauca"), ("Peru", "Peruvian", "Lima", "Cusco"),
    ("Canada", "Canadian", "Ottawa", "Alberta"), ("France", "French", "Paris", "Marseille"),
    ("Germany", "German", "Berlin", "Bavaria"), ("Spain", "Spanish", "Madrid", "Catalonia"),
    ("Italy", "Italian", "Rome", "Sicily"), ("Poland", "Polish", "Warsaw", "Gdańsk"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"), ("Russia", "Russian", "Moscow", "Kursk"),
    ("Turkey", "Turkish", "Ankara", "Hatay"), ("Egypt", "Egyptian", "Cairo", "Sinai"),
    ("Nigeria", "Nigerian", "Abuja", "Borno"), ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Tigray"), ("South Africa", "South African", "Pretoria", "Durban"),
    ("Sudan", "Sudanese", "Khartoum", "Darfur"), ("Iran", "Iranian", "Tehran", "Khuzestan"),
    ("Iraq", "Iraqi", "Baghdad", "Basra"), ("Israel", "Israeli", "Jerusalem", "the Negev"),
    ("Saudi Arabia", "Saudi", "Riyadh", "Jeddah"), ("Pakistan", "Pakistani", "Islamabad", "Balochistan"),
    ("India", "Indian", "New Delhi", "Kashmir"), ("China", "Chinese", "Beijing", "Fujian"),
    ("Japan", "Japanese", "Tokyo", "Okinawa"), ("South Korea", "South Korean", "Seoul", "Busan"),
    ("North Korea", "North Korean", "Pyongyang", "Kaesong"), ("Vietnam", "Vietnamese", "Hanoi", "Da Nang"),
    ("Indonesia", "Indonesian", "Jakarta", "Papua"), ("the Philippines", "Philippine", "Manila", "Mindanao"),
    ("Australia", "Australian", "Canberra", "Darwin"), ("the United States", "US", "Washington", "Texas"),
    ("the United Kingdom", "British", "London", "Northern Ireland"), ("Venezuela", "Venezuelan", "Caracas", "Zulia"),
    ("Morocco", "Moroccan", "Rabat", "Tangier"), ("Algeria", "Algerian", "Algiers", "Oran"),
]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
         "Finance Minister", "Interior Minister", "Energy Minister", "army chief", "central bank governor"]
FIRST = ["Ana", "Luis", "Marta", "Pavel", "Ingrid", "Tomás", "Amina", "Kofi", "Leila", "Hiro", "Mei", "Rahul",
         "Sofia", "Omar", "Nadia", "Jonas", "Elena", "Diego", "Farah", "Kenji", "Olga", "Samuel", "Priya", "Yusuf",
         "Clara", "Mateo", "Zanele", "Arjun", "Lena", "Tariq", "Irina", "Carlos", "Aiko", "Bruno", "Halima", "Viktor"]
LAST = ["Ruiz", "Okafor", "Lindqvist", "Moreau", "Kowalski", "Haddad", "Tanaka", "Mensah", "Petrov", "Silva",
        "Achebe", "Novak", "Farouk", "Castillo", "Brandt", "Osei", "Kaur", "Yilmaz", "Duarte", "Nakamura",
        "Sokolov", "Mwangi", "Rahman", "Fontaine", "Herrera", "Adeyemi", "Varga", "Choi", "Aziz", "Ibarra"]
ORGS = ["the United Nations", "the UN Security Council", "the European Union", "NATO", "the World Trade Organization",
        "the International Monetary Fund", "the African Union", "ASEAN", "OPEC", "the World Bank",
        "the International Criminal Court", "the Red Cross", "the World Health Organization"]
SECTORS = ["police", "soldiers", "rebels", "protesters", "farmers", "dock workers", "opposition lawmakers",
           "border guards", "prosecutors", "customs officers", "students", "truck drivers", "militants"]
GOODS = ["steel", "grain", "cars", "solar panels", "fertiliser", "natural gas", "copper", "rice", "semiconductors",
         "timber", "fish", "coffee", "crude oil", "lithium", "medicines"]
TOPICS = ["migration", "border security", "trade", "energy supplies", "water rights", "fishing rights", "debt relief",
          "a ceasefire", "prisoner exchanges", "drug trafficking", "climate finance", "nuclear inspections",
          "food prices", "arms sales", "a new pipeline", "cyber attacks"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["geokg bench wire", "geokg bench desk", "geokg regional service"]

# Sentence templates: {A}/{B} actors (country, official, organisation), {a_adj} adjectives, {day} weekdays ...
SENTENCES = [
    "{A} warned {B} on {day} that it would answer any new {good} tariff with measures of its own.",
    "{Official} said on {day} that {country} would not accept {threat}.",
    "{A} accused {B} of {accusation}, a charge that {B_short} rejected.",
    "{Official} met {Official2} in {capital} on {day} to discuss {topic}.",
    "The two governments signed an agreement on {topic} after {n} months of talks.",
    "{country} imposed a {pct}% tariff on {good} from {country2}, the {ministry} said.",
    "{country} lifted its ban on {good} imports from {country2} on {day}.",
    "{Sector} clashed with {sector2} in {place} on {day}, and {n} people were injured.",
    "At least {n} {sector} were arrested in {place} after the protest turned violent.",
    "{country2_pos} {ministry} condemned the attack and called for an independent investigation.",
    "{Official} rejected calls for {pact} and said that talks with {country2} would continue.",
    "{Org} urged both sides to show restraint and to return to negotiations.",
    "{country} expelled {n} {country2_adj} diplomats, accusing them of spying.",
    "{country2} recalled its ambassador from {capital} for consultations.",
    "{A} offered {money} in emergency aid to {country2} after floods hit {place2}.",
    "{country} sent {troops} troops to {place} to reinforce the border.",
    "Forces loyal to the government struck rebel positions near {place} early on {day}.",
    "{Official} praised {Org} for its role in brokering the deal.",
    "{country2_pos} government said that the sanctions violated international law.",
    "Officials in {capital} said that the {good} shipments had been delayed at the border.",
    "{Org} approved a loan of {money} to {country}, which is struggling with high inflation.",
    "{Sector} in {place} demanded higher wages and threatened a national strike.",
    "{Official} visited {place2} on {day}, the first such visit in {n} years.",
    "{country} and {country2} agreed to reopen their border crossings for trade.",
    "{A} threatened to suspend {topic} talks unless {B} released the detained {sector}.",
    "The {ministry} said that {n} suspects had been detained in connection with the bombing.",
    "{country2_pos} {ministry} denied that it had supplied weapons to {sector} in {place}.",
    "Analysts said that the dispute could push up {good} prices across the region.",
    "{Official} told reporters in {capital} that the country was ready for dialogue but would defend its interests.",
    "Prosecutors charged {n} people with smuggling {good} across the border into {country2}.",
    "Earlier this month, {A} had announced plans to cut {good} exports by {pct}%.",
    "{country} voted against the resolution at {Org}, which passed with {n} votes in favour.",
    "{Official} called the decision a mistake and said it would hurt workers in both countries.",
    "Talks between {country} and {country2} on {topic} resumed in {capital} on {day}.",
    "{A} welcomed the release of {n} prisoners by {B}.",
    "{Sector} blocked roads near {place} to protest against rising {good} prices.",
    "The {ministry} of {country} said that it had intercepted {n} drones over {place}.",
    "{B} said it would take its complaint to {Org}.",
]
HEADLINES = [
    "{country} warns {country2} over {good} tariffs",
    "{country} and {country2} sign deal on {topic}",
    "{Official} rejects {pact} with {country2}",
    "{Sector} clash with {sector2} in {place}",
    "{Org} urges restraint as {country} and {country2} trade threats",
    "{country} expels {country2_adj} diplomats",
    "{country} sends troops to {place}",
    "{Org} approves {money} loan for {country}",
    "{country} lifts ban on {country2_adj} {good}",
    "Talks on {topic} resume in {capital}",
]
ACCUSATIONS = ["supplying weapons to armed groups", "violating its airspace", "dumping {good} on world markets",
               "detaining its citizens without charge", "interfering in its elections", "blocking aid convoys"]
THREATS = ["any foreign military action on its soil", "new tariffs on its {good} exports",
           "sanctions against its banks", "the closure of the border"]
PACTS = ["a ceasefire", "new sanctions", "a joint security force", "a trade boycott", "a referendum"]
MINISTRIES = ["Foreign Ministry", "Defence Ministry", "Commerce Ministry", "Interior Ministry", "Finance Ministry"]
ATTRIBUTIONS = ["", "", "", " officials said", " according to a government statement", " the ministry said"]


def _pick(rng: random.Random, items: list) -> object:
    return items[rng.randrange(len(items))]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _slots(rng: random.Random, published: date) -> dict[str, str]:
    c1, c2 = rng.sample(COUNTRIES, 2)
    role1, role2 = rng.sample(ROLES, 2)
    person1 = f"{_pick(rng, FIRST)} {_pick(rng, LAST)}"
    person2 = f"{_pick(rng, FIRST)} {_pick(rng, LAST)}"
    official = f"{c1[1]} {role1} {person1}"
    official2 = f"{_possessive(c2[0])} {role2} {person2}"
    org = str(_pick(rng, ORGS))
    choice = rng.random()
    actor_a = official if choice < 0.4 else c1[0] if choice < 0.8 else f"{_possessive(c1[0])} government"
    actor_b = c2[0] if rng.random() < 0.6 else official2
    good = str(_pick(rng, GOODS))
    day = WEEKDAYS[(published.weekday() - rng.randrange(0, 4)) % 7]
    sector, sector2 = rng.sample(SECTORS, 2)
    return {
        "A": actor_a, "B": actor_b, "B_short": c2[0], "Official": official, "Official2": official2,
        "country": c1[0], "country2": c2[0], "country2_adj": c2[1], "country2_pos": _possessive(c2[0]),
        "capital": c1[2], "place": c1[3],
        "place2": c2[3], "Org": org, "good": good, "day": day, "topic": str(_pick(rng, TOPICS)),
        "n": str(rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 24, 30, 45, 60, 120])),
        "troops": rng.choice(["200", "350", "500", "1,200", "2,000", "4,500"]),
        "pct": str(rng.choice([5, 10, 15, 20, 25, 30, 50, 84, 125])),
        "money": f"${rng.choice([1.2, 2, 3.5, 5, 7, 10, 12, 20])} billion" if rng.random() < 0.7
        else f"{rng.choice([40, 75, 150, 300, 500])} million euros",
        "ministry": str(_pick(rng, MINISTRIES)), "Sector": sector.capitalize(), "sector": sector,
        "sector2": sector2, "pact": str(_pick(rng, PACTS)),
        "accusation": str(_pick(rng, ACCUSATIONS)).format(good=good),
        "threat": str(_pick(rng, THREATS)).format(good=good),
    }


def _sentence(rng: random.Random, template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    attribution = str(_pick(rng, ATTRIBUTIONS))
    if attribution and text.endswith(".") and " said" not in text:
        text = text[:-1] + "," + attribution + "."
    text = text[0].upper() + text[1:]
    return re.sub(r"\bthe the\b", "the", text)


def generate_articles(seed: int = 7, *, start: date = date(2024, 1, 1)) -> Iterator[dict[str, str]]:
    """Yield an endless, deterministic stream of news-style articles.

    Examples
    --------
    >>> arts = generate_articles(seed=1)
    >>> a, b = next(arts), next(arts)
    >>> a["url"] != b["url"] and len(a["text"].split()) > 150
    True
    >>> next(generate_articles(seed=1))["title"] == a["title"]
    True
    """
    rng = random.Random(seed)
    i = 0
    while True:
        i += 1
        published = start + timedelta(days=rng.randrange(0, 700))
        slots = _slots(rng, published)
        title = _sentence(rng, str(_pick(rng, HEADLINES)), slots).rstrip(".")
        templates = rng.sample(SENTENCES, len(SENTENCES))  # no sentence twice in an article
        paragraphs = []
        for k in range(rng.randrange(4, 9)):
            if k and rng.random() < 0.35:  # a new pair of actors after the first paragraph
                slots = _slots(rng, published)
            sentences = [_sentence(rng, templates.pop(), slots) for _ in range(rng.randrange(2, 5))]
            paragraphs.append(" ".join(sentences))
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        yield {
            "title": title,
            "text": "\n\n".join(paragraphs),
            "date": published.isoformat(),
            "url": f"https://bench.geokg.example/{published:%Y/%m/%d}/{i}-{slug}",
            "source": str(_pick(rng, SOURCES)),
        }


def corpus_bytes(article: dict[str, str]) -> int:
    """UTF-8 size of an article's title and text."""
    return len(article["title"].encode("utf-8")) + len(article["text"].encode("utf-8"))


def write_corpus(out: str | Path, *, mb: float = 2.0, seed: int = 7, shard_size: int = 100) -> tuple[int, int]:
    """Write articles totalling at least ``mb`` MB of text as JSONL shards in ``out``.

    Returns ``(articles, bytes)``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    target = int(mb * 1_000_000)
    total = n = 0
    fh = None
    for article in generate_articles(seed):
        if total >= target:
            break
        if n % shard_size == 0:
            if fh:
                fh.close()
            fh = open(out / f"shard-{n // shard_size:05d}.jsonl", "w", encoding="utf-8")
        fh.write(json.dumps(article, ensure_ascii=False) + "\n")
        total += corpus_bytes(article)
        n += 1
    if fh:
        fh.close()
    return n, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of article text (default 2)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n, size = write_corpus(args.out, mb=args.mb, seed=args.seed)
    print(f"wrote {n} articles, {size / 1e6:.2f} MB of text, to {args.out}")


if __name__ == "__main__":
    main()
