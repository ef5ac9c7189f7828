"""Ordinary news pages for the benchmark stream: sport, business, weather, local crime,
culture and domestic politics, with the menus, share bars and footers real pages carry.

Generated from templates with a fixed seed, so every run sees the same stream. Some pages
name countries (an international match, exports, a foreign film) and some name a minister,
as ordinary news does: the relevance gate has to tell them from cooperation news.
"""

from __future__ import annotations

import random

MENU = ["Home | News | Sport | Business | Weather | Culture | Opinion",
        "Menu  Search  Sign in  Subscribe", "NEWS / LOCAL / REGION / WORLD / VIDEO"]
SHARE = ["Share", "Facebook", "Twitter", "WhatsApp", "Email"]
FOOTER = ["© {year} The Daily Sample. All rights reserved.",
          "Cookies help us deliver our services. By using them you accept our cookie policy.",
          "About us | Contact | Advertise | Privacy"]
TEAMS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Albion", "Rangers", "County"]
CITIES = ["Leeds", "Valencia", "Porto", "Lyon", "Turin", "Denver", "Monterrey", "Cali"]
COMPANIES = ["Norden Foods", "Castell Steel", "Bluefin Airlines", "Arcadia Telecom",
             "Mesa Motors", "Larkspur Retail", "Quarry Energy", "Helix Pharma"]
NAMES = ["Laura Quintana", "Tom Ashby", "Marta Ruiz", "Kenji Sato", "Ana Duarte",
         "Peter Lindqvist", "Sofia Greco", "Daniel Okafor"]
COUNTRIES = ["Spain", "Italy", "Brazil", "Japan", "Germany", "Mexico", "Canada", "France"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

BODIES = {
    "sport": [
        "{team1} beat {team2} {g1}-{g2} on {day} with a goal in the final minutes, lifting "
        "them to third place in the table.",
        "The coach, {name}, said the squad had worked hard all week and praised the "
        "supporters who travelled to {city} for the match.",
        "{country} will face {country2} in a friendly next month as both sides prepare for "
        "the tournament in the summer.",
        "Injuries to two defenders forced a late change of plan, but the younger players "
        "stepped up and kept a clean sheet for most of the second half.",
        "Tickets for the next home game go on sale on {day} at the club shop and online.",
    ],
    "business": [
        "Shares in {company} rose {pct}% on {day} after the group reported higher "
        "quarterly sales and raised its forecast for the year.",
        "Chief executive {name} said demand in {country} had recovered faster than expected "
        "and that the company would open a new plant near {city}.",
        "Analysts said rising costs for energy and transport remained a risk, and several "
        "warned that margins could narrow in the second half.",
        "Exports to {country2} grew for a third straight month, helped by a weaker currency.",
        "The board proposed a dividend of {g1}.{g2} per share, to be paid in {month}.",
    ],
    "weather": [
        "Heavy rain is expected across the north on {day}, with up to {g1}0 millimetres in "
        "the hills and a risk of flooding near rivers.",
        "Forecasters said temperatures would fall sharply overnight and frost was likely in "
        "rural areas around {city}.",
        "Drivers were told to allow extra time for journeys and to check for road closures "
        "before setting out.",
        "Drier, brighter weather should return by the weekend, although showers may linger "
        "near the coast.",
    ],
    "crime": [
        "Police arrested two men on {day} after a burglary at a jewellery shop in the centre "
        "of {city}.",
        "Officers said the suspects were caught on camera and that stolen items worth several "
        "thousand euros had been recovered.",
        "A local councillor, {name}, called for more patrols in the area after a series of "
        "break-ins over the summer.",
        "Anyone with information was asked to contact the local station or call the "
        "anonymous hotline.",
    ],
    "culture": [
        "The festival opened in {city} on {day} with a sold-out concert by an orchestra from "
        "{country}.",
        "Director {name} said the programme would include films from {country2} and a series "
        "of talks with young authors.",
        "Organisers expect more than {g1}0,000 visitors over the ten days of the event.",
        "A new exhibition of photography from the 1960s opens at the city museum in {month}.",
    ],
    "politics": [
        "The regional government approved a new budget on {day} that raises spending on "
        "schools and hospitals.",
        "The finance minister, {name}, told reporters the plan would not require new taxes "
        "and that debt would fall next year.",
        "Opposition parties said the figures were unrealistic and promised to challenge "
        "several measures in parliament.",
        "The minister visited a hospital in {city} on {day} to present the investment plan "
        "for the region.",
    ],
}


def page(rng: random.Random, i: int) -> tuple[str, str]:
    """One ordinary news page: (doc_id, text)."""
    kind = rng.choice(sorted(BODIES))
    year = rng.choice([2021, 2022, 2023, 2024])
    fill = {
        "team1": rng.choice(TEAMS), "team2": rng.choice(TEAMS), "g1": rng.randint(1, 5),
        "g2": rng.randint(0, 4), "day": rng.choice(DAYS), "name": rng.choice(NAMES),
        "city": rng.choice(CITIES), "country": rng.choice(COUNTRIES),
        "country2": rng.choice(COUNTRIES), "company": rng.choice(COMPANIES),
        "pct": rng.randint(1, 12), "month": rng.choice(MONTHS), "year": year,
    }
    paras = [p.format(**fill) for p in BODIES[kind]]
    rng.shuffle(paras)
    title = paras[0].split(",")[0].split(" on ")[0][:90]
    lines = [rng.choice(MENU), "", title, "",
             f"By {rng.choice(NAMES)}",
             f"Published: {rng.randint(1, 28)} {rng.choice(MONTHS)} {year}", "",
             *rng.sample(SHARE, 3), ""]
    for p in paras * 3:  # pages of a realistic length (300-500 words)
        lines += [p, ""]
    lines += ["Related articles",
              *(f"  • {rng.choice(BODIES[rng.choice(sorted(BODIES))]).split(',')[0][:70]}"
                for _ in range(3)),
              "", *(f.format(year=year) for f in FOOTER)]
    return f"news_{kind}_{i:05d}", "\n".join(lines)


def stream(n: int, seed: int = 13) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [page(rng, i) for i in range(n)]
