"""Everything a document mentions that an event can be built from, with offsets.

:func:`analyse` runs spaCy once on the masked text (boilerplate blanked out, same
offsets as the original) and gathers people, organisations, country mentions,
time expressions, places and topic cues. Nothing here decides what an event is;
that is :mod:`summitry.extraction`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from summitry import dates, gazetteer, geo, lexicon, people
from summitry.actors import ActorStore
from summitry.nlp import lemma_of
from summitry.people import Person
from summitry.records import CleanDoc, Location
from summitry.topics import TopicMention, find_topics


@dataclass(frozen=True, slots=True)
class OrgRef:
    """An organisation mention with the country it belongs to (when known)."""

    start: int
    end: int
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    start: int
    end: int
    location: Location
    #: the city of the article's dateline ("ABUJA (Reuters) -")
    dateline: bool = False


@dataclass(slots=True)
class Analysis:
    """The mentions of one document."""

    clean: CleanDoc
    doc: Doc
    people: list[Person]
    countries: list[gazetteer.CountryMention]
    orgs: list[OrgRef]
    times: list[dates.TimeMention]
    places: list[PlaceRef]
    topics: list[TopicMention]
    home: str | None = None
    person_at: dict[int, Person] = field(default_factory=dict)


_CITY_SUFFIX = re.compile(r"\s+City\b")
# a possessive inside a "PERSON" is a headline read as a name ("Commends Morocco's Role")
_POSSESSIVE_INSIDE = re.compile(r"['’]s\s")
# a "PERSON" the tagger found that ends like a programme or a body ("Merida Initiative")
_NOT_PERSON_HEADS = lexicon.load().words("titles.not_person_heads")


_PLACE_WORD = r"[A-ZÀ-Þ][\w.'’-]*(?:[ \t]+[A-ZÀ-Þ][\w.'’-]*){0,3}"
#: what opens a paragraph before its dateline's date: "LIMA, Peru, ", "QUITO, "
_DATELINE_HEAD = re.compile(rf"(?:^|\n)[ \t]*{_PLACE_WORD}(?:,[ \t]*{_PLACE_WORD}){{0,2}},[ \t]*$")
#: what closes it: " - ", " (Wire) - ", ", (Wire): "
_DATELINE_TAIL = re.compile(r",?[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*[-–—:]")


def _event_times(clean: CleanDoc) -> list[dates.TimeMention]:
    """The text's time expressions, less those that date the report itself: the page's
    publication date, which :mod:`summitry.timeline` reads as its reference, and the
    date of a paragraph's opening dateline ("LIMA, Peru, Nov. 9 - Early in October
    ..."), neither of them the day of an event."""
    pub = clean.published_span
    text = clean.masked
    return [t for t in dates.find_time_mentions(text)
            if (pub is None or t.end <= pub.start or t.start >= pub.end)
            and not (t.days and _DATELINE_HEAD.search(text, max(0, t.start - 80), t.start)
                     and _DATELINE_TAIL.match(text, t.end))]


def is_person_name(text: str) -> bool:
    """Whether the tagger's PERSON ``text`` can be a person's name: two words or more on
    one line, no digit, no programme or body for its last word, no possessive inside
    (a headline, "Commends Morocco's Role"), no country for its last word ("Sputnik
    Tajikistan"), no event word (:func:`people.names_an_event`)."""
    return ("\n" not in text and len(text.split()) >= 2
            and not any(ch.isdigit() for ch in text)
            and text.split()[-1].lower() not in _NOT_PERSON_HEADS
            and not _POSSESSIVE_INSIDE.search(text)
            and not _ends_with_country(text)
            and not people.names_an_event(text))


def _ends_with_country(text: str) -> bool:
    """"Sputnik Tajikistan", "Radio Free Asia": a name whose last word is a country's
    is an outlet's or a body's, and read as a surname it hides every later mention of the
    country; a country's name or demonym of several words ("Sri Lankan") is none."""
    last = text.split()[-1]
    if any(c.start == 0 and c.end == len(last) for c in gazetteer.find_countries(last)):
        return True
    # "Sri Lankan", "New Zealander": a country's name or demonym of several words whole
    return any(c.start == 0 and c.end == len(text.rstrip()) for c in gazetteer.find_countries(text))


def analyse(clean: CleanDoc, nlp: Language, store: ActorStore | None, *,
            parsed: Doc | None = None) -> Analysis:
    """Run spaCy (unless ``parsed`` is its result already) and every mention finder
    over one cleaned document."""
    text = clean.masked
    doc = parsed if parsed is not None and parsed.text == text else nlp(text)
    titled = people.find_titled_names(text)
    ents = [(e.start_char, e.end_char, e.text) for e in doc.ents
            if e.label_ == "PERSON" and is_person_name(e.text)]
    persons = people.cluster_people(titled, ents, text, store)
    outlets = _outlet_spans(text)
    countries = [c for c in gazetteer.find_countries(text)
                 if not _CITY_SUFFIX.match(text, c.end) and not _inside_person(c, persons)
                 and not any(s <= c.start and c.end <= e for s, e in outlets)]
    orgs = _organisations(text, countries)
    countries = _outside_other_bodies(countries, orgs)
    analysis = Analysis(
        clean=clean,
        doc=doc,
        people=persons,
        countries=countries,
        orgs=orgs,
        times=_event_times(clean),
        places=_places(doc, text, clean, persons),
        topics=_agenda_topics(text, orgs),
    )
    for p in persons:
        for s, _e in p.mentions:
            analysis.person_at[s] = p
    analysis.home = _home_country(analysis)
    _counterpart_roles(analysis)
    _agency_of_title(analysis)
    _fill_person_countries(analysis)
    return analysis


# "agencies involved in border control": a cue that says who attended, not what was discussed
_ATTENDEE_CLAUSE = re.compile(
    r"\b(agenc(y|ies)|officials?|units?|bodies|departments?|services|forces|authorities|"
    r"spokespersons?|representatives?|experts?)\s+(who are\s+|that are\s+)?"
    r"(involved|responsible|in charge|speciali[sz]ed|working|engaged|tasked)\s+(in|for|of|with)\s+"
    r"[^.;:()]{0,80}$", re.IGNORECASE)


_IN_NAME = re.compile(r"\b[A-Z][a-z]+ (of|for|on) (the )?$")
_IDIOM = re.compile(r"\b(knows? no|without|beyond) borders?\b", re.IGNORECASE)


def _agenda_topics(text: str, orgs: list[OrgRef]) -> list[TopicMention]:
    """Topic cues, less those inside an agency's name (the Coast Guard attending a meeting
    does not put maritime security on its agenda) or in a clause describing attendees."""
    out: list[TopicMention] = []
    for t in find_topics(text):
        if any(o.start <= t.start and t.end <= o.end for o in orgs):
            continue
        if _ATTENDEE_CLAUSE.search(text, max(0, t.start - 120), t.start):
            continue
        if _IN_NAME.search(text, max(0, t.start - 40), t.start) and t.text[:1].isupper():
            continue  # "the European Court of Human Rights": a body's name
        if _IDIOM.match(text, max(0, t.start - 12)) or _IDIOM.search(
                text, max(0, t.start - 12), t.end + 1):
            continue
        out.append(t)
    return out


@cache
def _outlet_name() -> re.Pattern[str]:
    """Up to four capitalised words before an outlet's head (lexicon family
    ``titles.outlet_heads``): "Kenya News Agency", "the Athens Macedonian News Agency"."""
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+")
                     for h in lexicon.load().entries("titles.outlet_heads"))
    return re.compile(r"(?:\b[A-Z][\w'’.-]*\s+){1,4}(?i:" + heads + r")\b")


def _outlet_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _outlet_name().finditer(text)]


def _outside_other_bodies(countries: list[gazetteer.CountryMention],
                          orgs: list[OrgRef]) -> list[gazetteer.CountryMention]:
    """Country words inside the name of another body: "the EU's law enforcement agency"
    is Europol, not the EU; "the Interpol National Central Bureau" is a national police
    office. A country word inside its own government's body ("the U.S. Coast Guard") stays."""
    return [c for c in countries
            if not any(o.start <= c.start and c.end <= o.end and o.country != c.code
                       for o in orgs)]


def _inside_person(c: gazetteer.CountryMention, persons: list[Person]) -> bool:
    return any(s <= c.start and c.end <= e for p in persons for s, e in p.mentions)


def _organisations(text: str, countries: list[gazetteer.CountryMention]) -> list[OrgRef]:
    found = gazetteer.find_organizations(text)
    # the country word right before a name overrides the name's usual country, on every
    # mention of the page: an "Australian Customs and Border Protection Service" is not
    # the US agency, nor is "Customs and Border Protection" told of after it (a country
    # after the name does not: "the FBI in Mexico")
    qualified = {om.name: code for om in found if om.country and (
        code := _qualifier_country(text, om.start, om.end, countries, after=False))}
    out: list[OrgRef] = []
    for om in found:
        country = (_qualifier_country(text, om.start, om.end, countries, after=False)
                   or qualified.get(om.name) or om.country
                   or _qualifier_country(text, om.start, om.end, countries))
        out.append(OrgRef(om.start, om.end, om.name, country))
    return out


def _qualifier_country(
    text: str, start: int, end: int, countries: list[gazetteer.CountryMention],
    *, after: bool = True,
) -> str | None:
    """The country right before ("the Cuban Interior Ministry", "Mexico's ...") or after
    ("... of Guatemala") an organisation mention."""
    for c in countries:
        gap_before = text[c.end:start]
        if 0 <= start - c.end <= 12 and re.fullmatch(r"(’s|'s)?\s*(the\s+)?", gap_before):
            return c.code
        gap_after = text[end:c.start]
        if after and 0 <= c.start - end <= 12 and re.fullmatch(
                r"\s*(of|in)\s+(the\s+)?", gap_after):
            return c.code
    return None


def _places(doc: Doc, text: str, clean: CleanDoc | None = None,
            persons: list[Person] | None = None) -> list[PlaceRef]:
    """City mentions: the tagger's places, gazetteer cities in a setting frame ("met in
    Bogotá"), "the Cuban capital", and the dateline of the article's first lines. A word of
    a person's or an organisation's name is never a place ("Secretary Rodríguez")."""
    out: list[PlaceRef] = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"} or "\n" in ent.text:
            continue
        name = re.sub(r"^(the|The)\s+", "", ent.text).strip()
        if gazetteer.country_code(name) or name.lower() in _REGIONS:
            continue
        loc = geo.find_place(name)
        if loc is not None and not _metonym(ent):
            out.append(PlaceRef(ent.start_char + ent.text.find(name),
                                ent.start_char + ent.text.find(name) + len(name), loc))
    # cities the tagger misses ("met in Bogotá" tagged PERSON): a gazetteer city right
    # after "in"/"at", or opening a line as a dateline ("Bogotá - ...")
    taken = [(p.start, p.end) for p in out]
    for pm in geo.find_places(text):
        if any(s < pm.end and pm.start < e for s, e in taken):
            continue
        before = text[max(0, pm.start - 12):pm.start]
        after = text[pm.end:pm.end + 4]
        if geo.in_setting(text, pm.start) or (
                re.search(r"(^|\n)\s*$", before) and re.match(r"\s*[-–—,(]", after)):
            out.append(PlaceRef(pm.start, pm.end, pm.location))
    for m in re.finditer(r"\bthe ([A-Z][\w-]+) capital\b", text):
        code = gazetteer.country_code(m.group(1))
        cap = geo.capital_of(code) if code else None
        if cap is not None:
            out.append(PlaceRef(m.start(), m.end(), cap))
    for pm in [*geo.government_seats(text), *geo.landmarks(text)]:  # "at the Kremlin"
        if not any(p.start < pm.end and pm.start < p.end for p in out):
            out.append(PlaceRef(pm.start, pm.end, pm.location))
    out = [_written(text, p) for p in out if not _in_name(doc, text, p, persons or [])]
    if clean is not None:
        out = _with_dateline(text, clean, out)
    out.sort(key=lambda p: p.start)
    return out


# a dateline stands in one of the article's first lines
_DATELINE_LINES = 4
# a place and a date stamp: "Mexico City / 16.06.2021 02:34:32", in the page's first lines
_STAMP_LINES = 10
_STAMP_CITY = re.compile(r"[ \t]*(?P<city>[^/|,•·–—\n-]{2,40}?)[ \t]*[/|•·–—-][ \t]*(?P<rest>\S)")


def _with_dateline(text: str, clean: CleanDoc, places: list[PlaceRef]) -> list[PlaceRef]:
    """Mark (or add) the city of the article's dateline ("ABUJA (Reuters) -")."""
    for span in clean.body[:_DATELINE_LINES]:
        pm = geo.dateline(text, span.start, span.end)
        if pm is None:
            continue
        rest = [p for p in places if not (p.start < pm.end and pm.start < p.end)]
        return [*rest, PlaceRef(pm.start, pm.end, pm.location, dateline=True)]
    pm = _stamp_city(clean.raw)  # the stamp line is masked: read the page itself
    if pm is not None:
        rest = [p for p in places if not (p.start < pm.end and pm.start < p.end)]
        return [*rest, PlaceRef(pm.start, pm.end, pm.location, dateline=True)]
    return places


def _stamp_city(text: str) -> geo.PlaceMention | None:
    """A city alone before a date stamp on one of the page's first lines: "Mexico City /
    16.06.2021 02:34", "Nairobi | June 3, 2022"."""
    pos = 0
    for _ in range(_STAMP_LINES):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _STAMP_CITY.match(text, pos, end)
        found = dates.find_dates(text[m.start("rest"):end]) if m is not None else []
        if m is not None and found and found[0].start == 0:
            hit = geo.city_named(text, m.start("city"), m.end("city"))
            if hit is not None:
                return hit
        if end >= len(text):
            break
        pos = end + 1
    return None


def _written(text: str, place: PlaceRef) -> PlaceRef:
    """"Washington, D.C.": the place under the longer name the text gives it."""
    form = geo.written_form(text, place.start, place.end)
    if form is None:
        return place
    end, name = form
    return dataclasses.replace(place, end=end,
                               location=dataclasses.replace(place.location, name=name))


def _in_name(doc: Doc, text: str, place: PlaceRef, persons: list[Person]) -> bool:
    """The place's words belong to a person's or an organisation's name: inside a
    person's mention; or, outside a setting frame ("talks in Dushanbe" stays a place even
    when the tagger reads an organisation), inside the tagger's PERSON or ORG entity or a
    lone word that is one of the names of a person of the text ("Secretaries Ebrard and
    Rodríguez")."""
    for p in persons:
        if any(s < place.end and place.start < e for s, e in p.mentions):
            return True
    if geo.in_setting(text, place.start):
        return False
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG"} and ent.start_char < place.end \
                and place.start < ent.end_char:
            return True
    word = gazetteer.fold(text[place.start:place.end])
    return " " not in word and any(word in {gazetteer.fold(t) for t in p.name.split()}
                                   for p in persons)


_REGIONS = frozenset({
    "asia", "europe", "africa", "america", "americas", "oceania", "antarctica",
    "latin america", "central america", "south america", "north america", "middle east",
    "southeast asia", "south asia", "east asia", "central asia", "the sahel", "sahel",
    "balkans", "the balkans", "caribbean", "the caribbean", "indo-pacific", "pacific",
    "atlantic", "mediterranean", "the mediterranean", "gulf", "the gulf", "west africa",
    "east africa", "horn of africa", "scandinavia", "western europe", "eastern europe",
})


def _metonym(ent: object) -> bool:
    """A capital standing for its government, not a place: "called on Washington to
    invest", "Washington has pressed Mexico", "Beijing's position"."""
    root = ent.root  # type: ignore[attr-defined]
    if root.dep_ == "dobj" and lemma_of(root.head).lower() in {"visit", "tour", "reach", "host"}:
        return False  # "visited Dhaka": the place
    if root.dep_ in {"nsubj", "nsubjpass", "poss", "dobj", "agent"}:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in {"on", "with", "by", "against", "for",
                                                        "of", "between", "and"}


def _home_country(a: Analysis) -> str | None:
    """The country of the page: a dateline city ("Guatemala City, by ...") if any."""
    body = a.clean.body
    for span in body[:6]:
        line = a.clean.raw[span.start:span.end]
        m = re.match(r"\s*([A-Z][\w .'-]{2,40}?)\s*(,|\(|–|—|-)\s", line)
        if not m:
            continue
        loc = geo.find_place(m.group(1).strip())
        if loc is not None and loc.country:
            return loc.country
    return None


# "BGB Director General Major General X": title words between the agency and the title
_TITLE_GAP = re.compile(r"^(['’]s)?\s+((Director|Deputy|General|Major|Inspector|Chief|Vice|"
                        r"Lieutenant|Commissioner|Additional|Special|Head|Acting)\s+){1,4}$")


def _agency_of_title(a: Analysis) -> None:
    """"BGB Director General X", "FBI Director Y": the agency named before the title
    gives the person's organisation and country."""
    text = a.clean.masked
    for p in a.people:
        for s, _e in p.title_spans:
            for o in a.orgs:
                gap = text[o.end:s]
                if 0 <= s - o.end <= 45 and (gap.strip() in {"", "'s", "’s"} or _TITLE_GAP.match(
                        gap)):
                    if p.country is None and o.country:
                        p.country = o.country
                    if p.organization is None:
                        p.organization = o.name
                    break


def _counterpart_roles(a: Analysis) -> None:
    """"Minister X met his Moroccan counterpart Y": Y holds the same office as X."""
    text = a.clean.masked
    for p in a.people:
        if p.role is not None:
            continue
        for s, e in p.title_spans:
            if not re.search(r"\bcounterparts?\b", text[s:e], re.IGNORECASE):
                continue
            before = [(ms, q) for q in a.people if q is not p and q.role
                      for ms, _me in q.mentions if s - 250 <= ms < s]
            if before:
                p.role = max(before, key=lambda t: t[0])[1].role
                break


def _fill_person_countries(a: Analysis) -> None:
    """Office knowledge ("Secretary of Homeland Security" is a US office) fills gaps, when
    the page speaks of that country at all: several governments share a title ("Home
    Secretary" in the UK, India, Pakistan, Bangladesh), and a page about two others does
    not bring in the office's usual country."""
    named = {c.code for c in a.countries} | {o.country for o in a.orgs if o.country}
    for p in a.people:
        if not p.role:
            continue
        office = _office(p.role, None)
        if p.country is None and office and office.get("country") and (
                office["country"] in named or p.actor is not None):
            p.country = office["country"]
        if p.country is None and a.home:
            p.country = a.home
        if p.organization is None:
            office = _office(p.role, p.country)
            if office and office.get("organization"):
                p.organization = office["organization"]


def _office(role: str, country: str | None) -> dict[str, str] | None:
    return ActorStore.default().office(role, country)
