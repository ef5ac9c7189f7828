"""Article vs boilerplate on plain-text news pages, plus the page's metadata.

A page is split into *paragraphs* (its non-empty lines, see :func:`split_paragraphs`). Each
paragraph becomes one of

* ``body``        -- article text, kept as it is (the title counts as body);
* ``meta``        -- byline, date line, "Source: ..." line: masked, but reported as metadata;
* ``boilerplate`` -- menus, share bars, related-article lists, footers, teasers of other
  stories, captions: masked.

Masking replaces every character of a masked paragraph except ``"\\n"`` by a space, so
``CleanDoc.masked`` has the length of the raw text and offsets never move.

Two methods:

* ``"justext"``  -- jusText alone (each line wrapped in ``<p>``, English stoplist).
* ``"summitry"`` -- jusText's verdict is the last resort; our plain-text rules come first,
  in this order (the first rule that fires decides, see :func:`explain` for the reasons):

  1. widget and footer lines (share/print/subscribe/cookie/copyright/"Back to top"/...);
  2. bullet or indented list lines, unless they read as sentences;
  3. everything after a "You may also like"/"Related articles"/"More news" heading or after
     the first footer line that follows the article;
  4. short lines without sentence punctuation that repeat on the page;
  5. the title (first heading-like line shortly before the first body paragraph); lines
     above it are boilerplate (date lines there are meta);
  6. byline, date line and "Source:" line near the title (meta), a teaser of another story
     directly under the title (a line that shares no content words with the title and few
     with the article, while the paragraph after it does);
  7. other date lines and the headlines next to them (related lists with their dates);
  8. long headline-like lines (no sentence punctuation) between body paragraphs: links to
     other stories;
  9. long sentence-like paragraphs are body; short lines between body paragraphs are body
     (sub-headings); the rest follows jusText.

Metadata: ``title`` (an outlet suffix " – Outlet" / " | Outlet" is cut off into ``outlet``),
``byline`` (the name, without "By"), ``outlet`` (first found, in this priority: title
suffix, a "Source: X" line, the copyright holder, an agency tag such as "-AGN-" or
"(Reuters)"), ``published`` (a date line near the title or a "CITY, <date> --" dateline
opening the article; never an "Updated ..." stamp, never a date in a related list),
and ``date_hints`` ("updated" stamps, "copyright" years, other header "dateline" dates).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache

from summitry import dates as dateparse
from summitry.records import CleanDoc, DateHint, RawDoc, Span

__all__ = ["METHODS", "clean", "explain", "justext_boilerplate", "split_paragraphs"]

METHODS = ("summitry", "justext")

BODY = "body"
META = "meta"
BOILER = "boilerplate"

_R_TITLE = "title"
_R_REPEATED = "repeated line"
_R_ABOVE = "above the title"
_R_STAMPED_LEAD = "lead sentence after the page's date label"

_CLOSING_LINES = 2  # non-empty lines at the end of a page searched for its own stamp
_HEADER_AFTER_TITLE = 6  # non-empty lines after the title searched for byline/date/source
_HEADER_BEFORE_TITLE = 3  # non-empty lines before the title searched for a date line
_TITLE_WINDOW = 8  # the title is sought among this many lines before the first body paragraph
_LONG_SENTENCE = 12  # words: a paragraph this long with sentence punctuation is body

# --------------------------------------------------------------------------- paragraphs


def split_paragraphs(text: str) -> list[Span]:
    """The paragraphs of ``text`` as spans without their surrounding whitespace: its
    non-empty lines, except that a hard-wrapped text (a press release pasted with a
    newline every 60 characters) has its wrapped lines joined back into paragraphs."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            spans.append(Span(start, start + len(stripped)))
        pos += len(line) + 1
    return _unwrap(text, spans) if _hard_wrapped(text, spans) else spans


_ENDS_SENTENCE = tuple('.!?:;"”’)')


def _hard_wrapped(text: str, spans: list[Span]) -> bool:
    """Most lines of running text are 40-90 characters long and many stop mid-sentence."""
    long = [sp for sp in spans if sp.end - sp.start >= 20]
    if len(long) < 8:
        return False
    wrapped = [sp for sp in long if 40 <= sp.end - sp.start <= 90]
    open_ended = [sp for sp in wrapped if not text[sp.end - 1].endswith(_ENDS_SENTENCE)]
    return len(wrapped) >= 0.6 * len(long) and len(open_ended) >= 0.4 * len(wrapped)


def _unwrap(text: str, spans: list[Span]) -> list[Span]:
    """Join each line that stops mid-sentence with the line right after it."""
    out: list[Span] = []
    for sp in spans:
        if out:
            prev = out[-1]
            gap = text[prev.end:sp.start]
            cont = text[prev.end - 1] not in _ENDS_SENTENCE and gap.count("\n") == 1 and (
                prev.end - prev.start >= 40 or text[sp.start].islower())
            if cont and text[sp.start] not in "•*-–—":
                out[-1] = Span(prev.start, sp.end)
                continue
        out.append(sp)
    return out


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=1)
def _stoplist() -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist("English"))


_JUSTEXT_CHUNK = 300  # jusText's context revision is quadratic in the paragraph count


def justext_boilerplate(text: str, paragraphs: list[Span]) -> list[bool]:
    """jusText's verdict per paragraph (``True`` = boilerplate), each wrapped in ``<p>``.

    Never raises: if jusText fails or loses the alignment, every paragraph of that chunk
    is boilerplate. Very long pages are classified in chunks of 300 paragraphs.
    """
    verdicts: list[bool] = []
    for k in range(0, len(paragraphs), _JUSTEXT_CHUNK):
        verdicts += _justext_chunk(text, paragraphs[k:k + _JUSTEXT_CHUNK])
    return verdicts


def _justext_chunk(text: str, paragraphs: list[Span]) -> list[bool]:
    import justext

    parts = []
    for sp in paragraphs:
        piece = _XML_BAD.sub(" ", text[sp.start:sp.end]).strip() or "."
        parts.append(f"<p>{html.escape(piece)}</p>")
    page = "<html><body>" + "".join(parts) + "</body></html>"
    try:
        result = justext.justext(page, _stoplist())
    except Exception:  # lxml/jusText on odd input: fall back, never raise
        return [True] * len(paragraphs)
    if len(result) != len(paragraphs):
        return [True] * len(paragraphs)
    return [p.is_boilerplate for p in result]


# --------------------------------------------------------------------------- line features

_BULLET = re.compile(r"^(?:[•·▪■□►▸‣◦●○◆◇➤→»✓✔]|[-*+–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_END_PUNCT = (".", "!", "?", "…", '"', "”", "»", "’", "'", "“")


@dataclass(slots=True)
class _Line:
    span: Span
    text: str  # the paragraph, stripped
    bullet: bool
    core: str  # the text without its bullet marker
    words: list[str]
    n: int = 0  # number of words
    lower: float = 0.0  # share of words that start in lowercase
    ends: bool = False  # ends like a sentence
    long: bool = False  # a long sentence-like paragraph (article prose)

    def __post_init__(self) -> None:
        self.n = len(self.words)
        self.lower = sum(w[0].islower() for w in self.words) / self.n if self.n else 0.0
        self.ends = self.core.rstrip().endswith(_END_PUNCT)
        self.long = _sentence_like(self)


def _make_line(raw: str, span: Span) -> _Line:
    text = raw[span.start:span.end]
    m = _BULLET.match(text)
    core = text[m.end():] if m else text
    return _Line(span, text, bool(m), core, _WORD.findall(core))


def _sentence_like(line: _Line, min_words: int = _LONG_SENTENCE) -> bool:
    """Long, mostly lowercase, ends like a sentence: article prose."""
    return line.n >= min_words and line.ends and line.lower >= 0.35


def _sentencey(line: _Line, min_words: int = 5) -> bool:
    """A shorter sentence: ends like one and is mostly lowercase."""
    return line.n >= min_words and line.ends and line.lower >= 0.5


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .:;,!?-–—|").casefold()


# --------------------------------------------------------------------------- rule patterns


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WIDGET_START = re.compile(
    r"^(?:share(?:\s+(?:this|on|via|the|article|story|post)\b|\s*:|$)|tweet\b|e-?mail(?:\s+"
    r"(?:this|us|to)\b|\s*:|$)|print(?:\s+(?:this|article|page)\b|$)|whatsapp\b|telegram\b|"
    r"facebook\b|twitter\b|linkedin\b|pinterest\b|reddit\b|instagram\b|youtube\b|"
    r"subscribe\b|sign\s*(?:up|in)\b|log\s*(?:in|out)\b|register\b|follow\s+us\b|"
    r"read\s+(?:more|also|next)\b|also\s+read\b|see\s+also\b|you\s+(?:may|might)\s+also\s+"
    r"like\b|related\b|advertisement\b|advertising\b|sponsored\b|close\b|menu\b|search\b|"
    r"home\b|skip\s+to\b|back\s+to\s+top\b|site\s+icon\b|source\s+link\b|exit\s+mobile\b|"
    r"click\s+here\b|loading\b|load\s+more\b|show\s+more\b|next\s+(?:article|post)\b|"
    r"previous\s+(?:article|post)\b|leave\s+a\s+(?:reply|comment)\b|comments?\b|tags?\s*:|"
    r"categor(?:y|ies)\s*:|filed\s+under\b|posted\s+in\b|contact\s+us\b|about\s+us\b|"
    r"all\s+rights\s+reserved\b|terms\b|privacy\b|cookie|listen\s+to\b|continue\s+reading\b|"
    r"like\s+this\b|print\s+friendly\b|\d+\s+min(?:ute)?s?\s+read\b|reading\s+time\b|"
    r"\(?(?:reporting|writing|editing|additional\s+reporting)\s+by\b)",
    re.IGNORECASE,
)
_WIDGET_ANYWHERE = re.compile(
    r"privacy\s+policy|terms\s+(?:of\s+(?:use|service)|(?:&|and)\s+conditions)|"
    r"all\s+rights\s+reserved|newsletter|subscribe|sign\s+up\b|back\s+to\s+top|"
    r"mobile\s+version|\[email|email\s+protected|click\s+here|javascript|"
    r"\bcookies?\b|^\S+://\S+$|^www\.\S+$",
    re.IGNORECASE,
)
# a consent notice, however sentence-like ("Cookies let us personalise content and ads";
# "we share information about your use of our site with our analytics partners")
_CONSENT = re.compile(
    r"\byour\s+use\s+of\s+(?:our|this)\s+(?:site|website)\b|"
    r"\b(?:advertising|analytics|social\s+media)(?:,)?\s+(?:and\s+\w+\s+)?partners\b|"
    r"\bpersonali[sz]e\s+(?:content|ads)\b|\b(?:accept|consent\s+to)\s+(?:all\s+)?cookies\b|"
    r"\bcookies?\s+(?:policy|settings|preferences)\b",
    re.IGNORECASE,
)
_NAV_SEPARATORS = re.compile(r"\s(?:\||»|›|>|/|·|•)\s")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|©|all\s+rights\s+reserved", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:photo|photograph|image|picture|file\s+photo|credit|foto|caption)s?\b\s*[:/|–—-]?|"
    r"getty\s+images|shutterstock|\bap\s+photo\b|\(photo\b|/\s*(?:afp|reuters|ap|efe)\b",
    re.IGNORECASE,
)
_TAIL_HEADING = re.compile(
    r"^(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|"
    r"related(?:\s+(?:articles?|posts?|news|stories|story|content|coverage|items|links|"
    r"reading|topics))?|more\s+(?:news|stories|articles|from\b.*)|other\s+news|"
    r"recommended(?:\s+(?:for\s+you|articles|stories|reading))?|most\s+(?:read|popular|"
    r"viewed|shared)|latest\s+(?:news|posts|stories|articles)|trending(?:\s+now)?|"
    r"(?:popular|recent)\s+(?:posts|articles|news)|leave\s+a\s+(?:reply|comment)|"
    r"comments?|what\s+to\s+read\s+next|don'?t\s+miss)\W*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^(?:source|fuente|via)\s*:\s*\(?\s*(.+?)\s*\)?\s*\.?$", re.I)
_BYLINE = re.compile(r"^(?:by|por|written\s+by|reporting\s+by|author\s*:)\s+(.+)$", re.I)
_NAME_PARTICLES = _wordset("de da del della di do dos das van von der den la le bin al y e du")
_NOT_NAMES = _wordset(
    """news agency ministry department government president minister archive home title blog
    latest world politics security editorial staff desk press report reports video photo
    photos gallery opinion analysis live update updates international national local region
    america africa europe asia breaking top stories story today weekly daily times post
    herald tribune journal online magazine menu"""
)
_SOCIAL = _wordset(
    "facebook twitter x whatsapp telegram linkedin youtube instagram pinterest reddit email "
    "print share tiktok"
)

# --------------------------------------------------------------------------- dates

_DATE_FILLER = re.compile(
    r"\b(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
    r"|[a-z]{1,2}[sd]t|utc|gmt|cet|cest|hrs?|h|on|at|last|updated?|modified|published|"
    r"posted|created|date|edited|actualizado|publicado|first|the)\b\.?",
    re.IGNORECASE,
)
_STAMP_WORD = re.compile(
    r"\b(?:(?P<updated>updated?|modified|edited|actualizado|revised)|"
    r"published|posted|created|publicado|first)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")


@dataclass(frozen=True, slots=True)
class _Date:
    date: dt.date
    start: int  # offsets in the raw text
    end: int
    updated: bool


#: the convention of the page being cleaned, for its ambiguous numeric dates (None: the
#: parser's default); see :func:`summitry.dates.numeric_convention`
_DAY_FIRST: ContextVar[bool | None] = ContextVar("summitry_day_first", default=None)


def _stamp_kind(before: str) -> str:
    """"updated" if the nearest stamp word before a date says so, else "published"."""
    stamps = list(_STAMP_WORD.finditer(before))
    return "updated" if stamps and stamps[-1].group("updated") else "published"


def _find_dates(text: str, offset: int = 0) -> list[_Date]:
    """Every full date (day, month, year) in ``text``, in order, without overlaps, read by
    the package's one date parser (:func:`summitry.dates.find_dates`) under the page's
    convention for numeric dates."""
    found: list[_Date] = []
    for d in dateparse.find_dates(text, day_first=_DAY_FIRST.get()):
        updated = _stamp_kind(text[max(0, d.start - 40):d.start]) == "updated"
        found.append(_Date(d.date, offset + d.start, offset + d.end, updated))
    return found


def _date_line(line: _Line) -> list[_Date]:
    """The dates of a short line that consists mostly of dates, else ``[]``."""
    if line.n > 14 or not any(ch.isdigit() for ch in line.core):
        return []
    offset = line.span.end - len(line.core)
    dates = _find_dates(line.core, offset)
    if not dates:
        return []
    rest = line.core
    for d in reversed(dates):
        rest = rest[: d.start - offset] + " " + rest[d.end - offset:]
    rest = _DATE_FILLER.sub(" ", rest)
    leftover = _WORD.findall(rest)
    return dates if len(leftover) <= 2 else []


# --------------------------------------------------------------------------- the page


@dataclass(slots=True)
class _Page:
    raw: str
    lines: list[_Line]
    junk: list[bool]  # jusText's verdict
    labels: list[str | None] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    dates: list[list[_Date]] = field(default_factory=list)
    title: int | None = None
    first_body: int | None = None
    byline: str | None = None
    published: _Date | None = None
    hints: list[DateHint] = field(default_factory=list)
    stamps: list[Span] = field(default_factory=list)  # stamps inside body lines: masked

    def __post_init__(self) -> None:
        self.labels = [None] * len(self.lines)
        self.reasons = [""] * len(self.lines)
        self.dates = [_date_line(line) for line in self.lines]

    def set(self, i: int, label: str, reason: str, *, force: bool = False) -> None:
        if force or self.labels[i] is None:
            self.labels[i] = label
            self.reasons[i] = reason

    def free(self, i: int) -> bool:
        return self.labels[i] is None


def _analyse(raw: str, method: str) -> _Page:
    spans = split_paragraphs(raw)
    lines = [_make_line(raw, sp) for sp in spans]
    page = _Page(raw, lines, justext_boilerplate(raw, spans))
    _mark_widgets(page)
    _mark_body_lists(page)
    _mark_nav_bullets(page)
    _mark_tail(page)
    _mark_repeats(page)
    page.first_body = _first_body(page)
    page.title = _pick_title(page)
    _mark_header(page)
    _mark_date_lists(page)
    _mark_inline_headlines(page)
    _mark_rest(page)
    if method == "justext":  # same metadata, jusText's labels
        for i, junk in enumerate(page.junk):
            page.set(i, BOILER if junk else BODY, "jusText", force=True)
    return page


# --------------------------------------------------------------------------- rules 1-4


def _is_widget(line: _Line) -> bool:
    core = line.core.strip()
    if _COPYRIGHT.search(core) and line.n <= 40:
        return True
    if re.search(r"\bcookies?\b", core, re.I) and not _sentence_like(line, 25):
        return True
    if _CONSENT.search(core) and line.n <= 60:
        return True
    if _sentence_like(line) or line.n > 12 or _sentencey(line, 6):
        return False
    if _WIDGET_START.match(core) or _WIDGET_ANYWHERE.search(core):
        return True
    if len(_NAV_SEPARATORS.findall(core)) >= 2 and not line.ends:
        return True  # "Home » World » Americas", "News | Politics | Opinion"
    words = [w.lower().strip(".") for w in line.words]
    return bool(words) and all(w in _SOCIAL for w in words)


def _is_credit(line: _Line) -> bool:
    if _sentence_like(line):
        return False
    if _CREDIT.search(line.core):
        return True
    caps = [w for w in line.words if len(w) >= 3 and w.isupper()]
    return line.core.count(" / ") >= 2 and len(caps) >= 2


def _mark_widgets(page: _Page) -> None:
    for i, line in enumerate(page.lines):
        if _is_widget(line):
            page.set(i, BOILER, "widget/footer phrase")
        elif _is_credit(line):
            page.set(i, BOILER, "photo caption/credit")
        elif _SOURCE_LINE.match(line.core.strip()) and line.n <= 8:
            page.set(i, META, "source line")
        elif not any(ch.isalnum() for ch in line.core):
            page.set(i, BOILER, "no words")


def _mark_body_lists(page: _Page) -> None:
    """A list introduced by a sentence ending in ":" inside the article is body."""
    start = _first_sentence(page)
    if start is None:
        return
    for i in range(start + 1, len(page.lines) - 1):
        intro = page.lines[i]
        if not (page.free(i) and not intro.bullet and intro.core.rstrip().endswith(":")):
            continue
        if intro.n < 4 or intro.lower < 0.4:
            continue
        items = _items_after(page, i)
        if items:
            page.set(i, BODY, "introduces a list in the body")
            for j in items:
                page.set(j, BODY, "list item in the body")


def _items_after(page: _Page, i: int) -> list[int]:
    items: list[int] = []
    for j in range(i + 1, len(page.lines)):
        item = page.lines[j]
        if not item.bullet or not page.free(j) or item.n < 3 or _TAIL_HEADING.match(item.core):
            break
        items.append(j)
    return items


def _mark_nav_bullets(page: _Page) -> None:
    """Bullet lines that do not read as sentences are navigation, except a long item ending
    like a sentence next to one that does: the numbered paragraphs of a statement ("1. On
    <date>, Minister A and His Excellency B met in <city> ...", full of names and titles,
    then "2. The two sides noted ...")."""
    items = [i for i, line in enumerate(page.lines) if line.bullet]
    prose = {i: _sentence_like(page.lines[i]) or (
        page.lines[i].n >= 8 and page.lines[i].ends and page.lines[i].lower >= 0.4)
        for i in items}
    for i in items:
        line = page.lines[i]
        if prose[i]:
            continue
        if line.n >= _LONG_SENTENCE and line.ends and any(
                prose.get(j, False) for j in _neighbour_lines(page, i)):
            line.long = True  # article prose: it can open the body
            continue
        page.set(i, BOILER, "bullet list item (navigation)")


def _neighbour_lines(page: _Page, i: int) -> list[int]:
    """The non-empty lines just before and just after line ``i``."""
    out: list[int] = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(page.lines) and not page.lines[j].text.strip():
            j += step
        if 0 <= j < len(page.lines):
            out.append(j)
    return out


def _first_sentence(page: _Page) -> int | None:
    return next((i for i, ln in enumerate(page.lines) if ln.long), None)


def _mark_tail(page: _Page) -> None:
    """Everything after a related-articles heading, or after the footer, is boilerplate."""
    start = _first_sentence(page)
    if start is None:
        return
    after = _prose_after(page)
    before = 0
    for i in range(start, len(page.lines)):
        line = page.lines[i]
        if _TAIL_HEADING.match(line.core.strip()) and (before >= 3 or after[i] <= 3 * before):
            _cut_from(page, i, "after a related-articles heading")
            return
        if i > start and _COPYRIGHT.search(line.core) and after[i] < 2:
            _cut_from(page, i, "after the footer")
            return
        before += line.long


def _prose_after(page: _Page) -> list[int]:
    """For each paragraph, how many long paragraphs jusText keeps come after it."""
    counts = [0] * len(page.lines)
    total = 0
    for j in range(len(page.lines) - 1, -1, -1):
        counts[j] = total
        total += page.lines[j].long and not page.junk[j]
    return counts


def _cut_from(page: _Page, i: int, reason: str) -> None:
    page.set(i, BOILER, "tail heading/footer")
    for j in range(i + 1, len(page.lines)):
        page.set(j, BOILER, reason)


def _mark_repeats(page: _Page) -> None:
    """Short lines without sentence punctuation that occur more than once on the page."""
    keys = [_norm(line.core) for line in page.lines]
    counts = Counter(keys)
    for i, line in enumerate(page.lines):
        short = line.n <= 25 and not line.ends and not line.long
        if short and keys[i] and counts[keys[i]] > 1:
            page.set(i, BOILER, _R_REPEATED)


# --------------------------------------------------------------------------- rule 5: title


def _first_body(page: _Page) -> int | None:
    return next(
        (i for i, ln in enumerate(page.lines) if page.free(i) and ln.long), None
    )


def _name_like(text: str, *, strict: bool) -> bool:
    """"Daniel Stewart", "Astrid Luna", "María de la Cruz": 2-5 capitalised name tokens."""
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    names = [t for t in tokens if t.lower() not in _NAME_PARTICLES]
    if len(names) < 2 or not tokens[0][:1].isupper():
        return False
    ok = all(t[:1].isupper() and re.fullmatch(r"[^\W\d_][\w'’.\-]*", t) for t in names)
    if not ok:
        return False
    return not (strict and any(t.lower().strip(".") in _NOT_NAMES for t in names))


def _heading_like(page: _Page, i: int) -> bool:
    line = page.lines[i]
    if line.bullet or page.dates[i] or not 3 <= line.n <= 30:
        return False
    if line.core.count("|") >= 2 or line.core.rstrip().endswith((":", ",", ";")):
        return False
    if line.core.rstrip().endswith(".") and line.n > 12:
        return False
    # a bare name line ("Astrid Luna") is a byline, not a heading; a 4+ word title-case
    # headline ("Ministers Discuss Port Security Cooperation") is a heading
    words = [t for t in line.core.split() if t.lower() not in _NAME_PARTICLES]
    if (_name_like(line.core, strict=False) and len(words) <= 3) or not line.core[:1].isalnum():
        return False
    return page.free(i) or page.reasons[i] == _R_REPEATED


def _pick_title(page: _Page) -> int | None:
    """The title: among the heading-like lines shortly before the first body paragraph, the
    first that shares about as many content words with the article as the best one does.
    A title never comes after a long paragraph of running text (everything above a title
    is masked as page header)."""
    end = page.first_body if page.first_body is not None else len(page.lines)
    first_long = next((i for i, ln in enumerate(page.lines) if ln.long or (
        ln.n >= 15 and ln.core.rstrip().endswith((".", "!", "?", "”", '"')))), None)
    if first_long is not None:
        end = min(end, first_long)
    window = range(max(0, end - _TITLE_WINDOW), end)
    candidates = [i for i in window if _heading_like(page, i)]
    strong = [i for i in candidates if page.lines[i].n >= 4] or candidates
    pick = _best_title(page, strong) if strong else None
    if pick is None:
        pick = next((i for i in range(end) if _heading_like(page, i)), None)
    if pick is not None:
        page.set(pick, BODY, _R_TITLE, force=True)
    return pick


def _best_title(page: _Page, candidates: list[int]) -> int:
    article = [ln.core for ln in page.lines[candidates[-1] + 1:] if ln.long][:5]
    body = _content_words(" ".join(article))
    scores = [_overlap(_content_words(page.lines[i].core), body) for i in candidates]
    best = max(scores)
    return next(i for i, sc in zip(candidates, scores, strict=True) if sc >= 0.5 * best)


# --------------------------------------------------------------------------- rule 6: header


def _mark_header(page: _Page) -> None:
    title = page.title
    limit = title if title is not None else (page.first_body or 0)
    for i in range(limit):
        if page.dates[i] and i >= limit - _HEADER_BEFORE_TITLE:
            _take_dateline(page, i)
        if title is None and _stamped_lead(page, i):
            page.set(i, BODY, _R_STAMPED_LEAD)
            continue
        page.set(i, BOILER, _R_ABOVE)
    after = _header_window(page)
    for i in after:
        _header_line(page, i)
    if title is not None:
        _mark_teaser(page, title)
    _find_hints(page)


def _header_window(page: _Page) -> list[int]:
    """The non-empty lines after the title that may hold byline, date and source."""
    if page.title is None:
        return []
    out: list[int] = []
    prose = 0
    for i in range(page.title + 1, min(len(page.lines), page.title + 1 + _HEADER_AFTER_TITLE)):
        prose += page.lines[i].long
        if prose >= 2:
            break
        out.append(i)
    return out


def _header_line(page: _Page, i: int) -> None:
    line = page.lines[i]
    if page.dates[i]:
        _take_dateline(page, i)
        page.set(i, META, "date line")
        return
    by = _BYLINE.match(line.core.strip())
    if by and line.n <= 10:
        _take_byline(page, i, by.group(1))
        return
    first_lines = page.first_body is None or i < page.first_body
    if first_lines and i <= (page.title or 0) + 3 and _name_like(line.core, strict=True):
        _take_byline(page, i, line.core)
        return
    if _SOURCE_LINE.match(line.core.strip()) and line.n <= 8:
        page.set(i, META, "source line")


def _take_byline(page: _Page, i: int, text: str) -> None:
    line = page.lines[i]
    offset = line.span.end - len(line.core)
    dates = _find_dates(line.core, offset)
    name = text
    for d in dates:
        name = name.replace(page.raw[d.start:d.end], " ")
    name = re.split(r"\s*[|,•·–—]\s*|\s+-\s+|\s+on\s+", name.strip())[0].strip()
    if page.byline is None and name:
        page.byline = name
    for d in dates:
        _take_date(page, d)
    page.set(i, META, "byline", force=page.reasons[i] == _R_REPEATED)


def _take_dateline(page: _Page, i: int) -> None:
    for d in page.dates[i]:
        _take_date(page, d)


def _take_date(page: _Page, d: _Date) -> None:
    if d.updated:
        _add_hint(page, "updated", d)
    elif page.published is None:
        page.published = d
    else:
        _add_hint(page, "dateline", d)


def _add_hint(page: _Page, kind: str, d: _Date) -> None:
    hint = DateHint(kind, d.date, Span(d.start, d.end))
    if hint not in page.hints:
        page.hints.append(hint)


def _find_hints(page: _Page) -> None:
    """"Updated" stamps and copyright years anywhere on the page."""
    for i, line in enumerate(page.lines):
        for d in page.dates[i]:
            if d.updated:
                _add_hint(page, "updated", d)
                page.set(i, META, "updated stamp", force=page.reasons[i] == _R_ABOVE)
        if _COPYRIGHT.search(line.core):
            years = [(int(m.group(1)), m) for m in _YEAR.finditer(line.text)]
            if years:
                year, m = max(years, key=lambda t: t[0])
                start = line.span.start + m.start()
                hint = DateHint("copyright", dt.date(year, 1, 1), Span(start, start + 4))
                if hint not in page.hints:
                    page.hints.append(hint)
    if page.published is None:
        _labelled_stamp(page)
    if page.published is None:
        _opening_dateline(page)
    if page.published is None:
        _header_line_date(page)
    if page.published is None:
        _closing_stamp(page)


_STAMP_LABEL = re.compile(
    r"(?:^|[\s|•·–—,(])(?:date|dated|published|posted|created|first\s+published|"
    r"publicado|fecha|(?P<updated>updated?|modified|last\s+modified|edited|actualizado))"
    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*$", re.IGNORECASE)
_STAMP_TAIL = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
                         r"(?:\s*(?:[A-Z]{2,4}|GMT[+-]\d{1,2}))?)?", re.IGNORECASE)


def _labelled_stamp(page: _Page) -> None:
    """A date the page labels as its date ("date 2021-06-15", "Published: 17 Nov 2023"),
    in the header or at the head of the first paragraphs, even on a line that goes on
    with other text (a byline, the article's first sentence). A stamp inside a body line
    is masked, so its date is not read as the date of an event."""
    last = page.first_body if page.first_body is not None else len(page.lines) - 1
    for i in range(min(len(page.lines), last + 2)):
        line = page.lines[i]
        for d in _find_dates(line.text, line.span.start):
            before = page.raw[line.span.start:d.start]
            label = _STAMP_LABEL.search(before[-40:])
            if label is None:
                continue
            _take_date(page, replace(d, updated=bool(label.group("updated"))))
            if page.labels[i] == BODY or page.labels[i] is None:
                tail = _STAMP_TAIL.match(page.raw, d.end, line.span.end)
                end = tail.end() if tail else d.end
                start = d.start - len(before[-40:]) + label.start()
                page.stamps.append(Span(start, end))
            if page.published is not None:
                return


def _header_line_date(page: _Page) -> None:
    """Last resort: a short header line with one date among other words ("BRAZIL / 29 JUN
    2011 BY A. WRITER"), near the title and before the article's first paragraph."""
    if page.title is None:
        return
    end = page.first_body if page.first_body is not None else len(page.lines)
    lo = max(0, page.title - _HEADER_BEFORE_TITLE)
    hi = min(end, page.title + 1 + _HEADER_AFTER_TITLE)
    for i in range(lo, hi):
        line = page.lines[i]
        found = _find_dates(line.core, line.span.end - len(line.core))
        if page.reasons[i] == _R_TITLE:
            # "Port Pact Signed J. Doe - Wire Service May 06, 2011": a title
            # line that closes with a full date carries the page's stamp
            if len(found) == 1 and not found[0].updated \
                    and not page.raw[found[0].end:line.span.end].strip(" .|-–—)"):
                page.published = found[0]
                return
            continue
        if line.n > 12 or line.ends:
            continue
        if len(found) == 1 and not found[0].updated:
            page.published = found[0]
            return


def _closing_stamp(page: _Page) -> None:
    """Last resort too: the page's own stamp closing it ("Published 10 July 2013", a
    bare "2024-08-16 09:51:30" as its last line). Only one of its last lines, a date line
    with one full date and nothing else but stamp words and a time."""
    tail = [i for i, ln in enumerate(page.lines) if ln.text.strip()][-_CLOSING_LINES:]
    for i in reversed(tail):
        found = page.dates[i]
        if len(found) == 1 and not found[0].updated:
            page.published = found[0]
            page.set(i, META, "closing stamp", force=page.labels[i] == BODY)
            return


def _opening_dateline(page: _Page) -> None:
    """"WASHINGTON, Oct. 8, 2021 (Reuters) - The ..." opening the first body paragraph."""
    if page.first_body is None:
        return
    line = page.lines[page.first_body]
    head = line.text[:70]
    for d in _find_dates(head, line.span.start):
        rel_end = d.end - line.span.start
        if d.start - line.span.start <= 40 and re.match(r"\s*(\([^)]{1,30}\))?\s*[-–—:/.]",
                                                        line.text[rel_end:]):
            if not d.updated:
                page.published = d
            return


# --------------------------------------------------------------------------- teaser

_STEM = 6


def _content_words(text: str) -> set[str]:
    stop = _stoplist()
    return {
        w.lower()[:_STEM]
        for w in re.findall(r"[^\W\d_]{3,}", text)
        if w.lower() not in stop
    }


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 1.0


def _mark_teaser(page: _Page, title: int) -> None:
    """A sentence directly under the title that is about another story."""
    cand = next((i for i in range(title + 1, len(page.lines)) if page.free(i)), None)
    if cand is None or page.lines[cand].n < 8:
        return
    body = [j for j in range(cand + 1, len(page.lines))
            if page.free(j) and page.lines[j].long]
    if len(body) < 2:
        return
    words = _content_words(page.lines[cand].core)
    nxt = _content_words(page.lines[body[0]].core)
    rest = set().union(*(_content_words(page.lines[j].core) for j in body[1:]))
    title_words = _content_words(page.lines[title].core)
    own = _overlap(words, rest | title_words)
    if not words & title_words and own <= 0.3 and _overlap(nxt, rest) >= own + 0.2:
        page.set(cand, BOILER, "teaser of another story")


# --------------------------------------------------------------------------- rules 7-9


def _mark_date_lists(page: _Page) -> None:
    """Date lines outside the header, with the headline next to each (related lists)."""
    dated = [i for i in range(len(page.lines)) if page.dates[i] and page.free(i)]
    for i in dated:
        page.set(i, BOILER, "date line outside the header")
    headlines = [i for i in range(len(page.lines)) if page.free(i) and _dated_headline(page, i)]
    if len(dated) + len(headlines) < 2:
        return
    for i in headlines:
        page.set(i, BOILER, "dated headline of a list")
    for i in dated:
        for j in (i - 1, i + 1):
            if 0 <= j < len(page.lines) and page.free(j) and not page.lines[j].ends:
                page.set(j, BOILER, "headline of a dated list")


def _dated_headline(page: _Page, i: int) -> bool:
    """"Six ministers meet in Lima 2023-05-08": a headline that starts or ends with a date."""
    line = page.lines[i]
    if line.ends or line.n > 25:
        return False
    offset = line.span.end - len(line.core)
    dates = _find_dates(line.core, offset)
    core_end = line.span.end
    return any(d.start - offset <= 1 or core_end - d.end <= 1 for d in dates)


def _mark_inline_headlines(page: _Page) -> None:
    """Long headline-like lines between body paragraphs: links to other stories."""
    body = [i for i, ln in enumerate(page.lines) if page.free(i) and ln.long]
    if len(body) < 2:
        return
    for i in range(body[0] + 1, body[-1]):
        line = page.lines[i]
        open_end = line.core.rstrip().endswith((":", ",", ";"))
        if page.free(i) and 10 <= line.n <= 25 and not line.ends and not open_end:
            page.set(i, BOILER, "headline of another story inside the body")


def _mark_rest(page: _Page) -> None:
    for i, line in enumerate(page.lines):
        if page.free(i) and line.long:
            page.set(i, BODY, "long sentence-like paragraph")
        elif page.free(i) and _dateline_lead(page, line):
            page.set(i, BODY, "dateline lead")
    for i in range(len(page.lines)):
        if page.free(i) and not page.junk[i]:
            page.set(i, BODY, "jusText: good")
    before = _nearest_labels(page, range(len(page.lines)))
    after = _nearest_labels(page, range(len(page.lines) - 1, -1, -1))
    for i, line in enumerate(page.lines):
        if not page.free(i):
            continue
        if before[i] == BODY == after[i]:
            page.set(i, BODY, "short line between body paragraphs")
        elif before[i] == BODY and _sentencey(line):
            page.set(i, BODY, "short sentence after the body")
        else:
            page.set(i, BOILER, "jusText: boilerplate")


def _stamped_lead(page: _Page, i: int) -> bool:
    """A page with no title whose first paragraph opens with its date label ("date
    2024-01-18 The minister met ...") and goes on as a sentence: the article's lead."""
    line = page.lines[i]
    if not (line.ends and line.n >= _LONG_SENTENCE):
        return False
    head = page.raw[line.span.start:line.span.start + 40]
    return any(_STAMP_LABEL.search(page.raw[line.span.start:d.start]) is not None
               for d in _find_dates(head, line.span.start))


def _dateline_lead(page: _Page, line: _Line) -> bool:
    """A wire story's lead: a long sentence that opens with a dateline ("CAIRO, May 2
    (Agency) -- The interior minister ..."), however full of names and titles (which
    make jusText call it boilerplate)."""
    from summitry import geo  # the gazetteer of places: loaded only for such a line

    return line.n >= _LONG_SENTENCE and line.ends and \
        geo.dateline(page.raw, line.span.start, line.span.end) is not None


def _nearest_labels(page: _Page, order: range) -> list[str | None]:
    """For each paragraph, the label of the nearest decided one met first in ``order``
    (the title does not count as body here)."""
    out: list[str | None] = [None] * len(page.lines)
    last: str | None = None
    for i in order:
        out[i] = last
        if page.labels[i] is not None:
            last = "title" if page.reasons[i] == _R_TITLE else page.labels[i]
    return out


# --------------------------------------------------------------------------- outlet

_SUFFIX = re.compile(r"^(?P<title>.+?)\s+(?:[|–—]|-|::)\s+(?P<outlet>[^|–—]+?)\s*$")
_AGENCY = re.compile(
    r"(?:^|\s)[-–—]([A-Z]{2,6})[-–—](?=\s|$)|"
    r"\(((?:AP|AFP|EFE|Reuters|Xinhua|ANSA|dpa|DPA|UPI|IANS|PTI|TASS|Prensa Latina|"
    r"Europa Press|Anadolu|Bernama|Yonhap|Kyodo|Sputnik|ANI))\)"
)
_HOLDER_STOP = _wordset(
    "reproduction all powered designed developed privacy terms todos derechos some this the"
)


def _split_title(text: str) -> tuple[str, str | None]:
    m = _SUFFIX.match(text)
    if not m:
        return text, None
    outlet = m.group("outlet")
    if len(outlet.split()) > 4 or len(m.group("title").split()) < 3:
        return text, None
    if not outlet[:1].isupper() and not outlet[:1].isdigit():
        return text, None
    return m.group("title").strip(), outlet.strip()


_HOLDER_LEAD = re.compile(r"^(?:©|\(c\)|copyright\b|(?:19|20)\d{2}\b|[-–,]|\s)+", re.I)


def _copyright_holder(text: str) -> str | None:
    """"© 2015 Latin One. All rights ..." -> "Latin One"; "Copyright © SCSP 2022" -> "SCSP"."""
    text = text[text.find("©"):] if "©" in text else text
    text = _HOLDER_LEAD.sub("", text.strip())
    text = re.split(r"[,;|©]|\.\s|\s\(", text)[0]
    tokens: list[str] = []
    for tok in text.split():
        if tok.lower() in _HOLDER_STOP or _YEAR.fullmatch(tok) or not tok[:1].isupper():
            break
        tokens.append(tok)
    holder = " ".join(tokens[:5]).strip(" -–")
    if re.search(r"[^\W\d_]{3}\.$", holder) and holder.count(".") == 1:
        holder = holder[:-1]
    return holder or None


def _outlet(page: _Page, title_suffix: str | None) -> str | None:
    """Title suffix > "Source: X" line > copyright holder > agency tag."""
    if title_suffix:
        return title_suffix
    for line in page.lines:
        m = _SOURCE_LINE.match(line.core.strip())
        if m and line.n <= 8:
            return m.group(1).strip(" ()")
    for line in reversed(page.lines):
        if _COPYRIGHT.search(line.core):
            holder = _copyright_holder(line.core)
            if holder:
                return holder
    for i, line in enumerate(page.lines[:20]):
        if page.labels[i] == BODY:
            m = _AGENCY.search(line.text)
            if m:
                return m.group(1) or m.group(2)
    return None


# --------------------------------------------------------------------------- assemble


def explain(text: str, method: str = "summitry") -> list[tuple[Span, str, str]]:
    """Each paragraph's span, label (body/meta/boilerplate) and the rule that decided it."""
    token = _DAY_FIRST.set(dateparse.numeric_convention(text))
    try:
        page = _analyse(text, method)
    finally:
        _DAY_FIRST.reset(token)
    _keep_running_text(page)
    return [(ln.span, page.labels[i] or BOILER, page.reasons[i])
            for i, ln in enumerate(page.lines)]


def _keep_running_text(page: _Page) -> None:
    """A page whose every line was judged boilerplate (a short text, two paragraphs with
    no headline) keeps its sentences: no news page is all menu."""
    if any(label == BODY for label in page.labels):
        return
    for i, ln in enumerate(page.lines):
        if ln.n >= 8 and ln.core.rstrip().endswith((".", "!", "?", "”", '"')) \
                and page.labels[i] != META:
            page.set(i, BODY, "running text (nothing else was body)", force=True)


def clean(raw: RawDoc, *, method: str = "summitry") -> CleanDoc:
    """Split ``raw`` into article body and masked boilerplate, and read its metadata."""
    if method not in METHODS:
        raise ValueError(f"unknown cleaning method {method!r}; use one of {METHODS}")
    text = raw.text
    token = _DAY_FIRST.set(dateparse.numeric_convention(text))
    try:
        page = _analyse(text, method)
    finally:
        _DAY_FIRST.reset(token)
    _keep_running_text(page)
    body = tuple(ln.span for i, ln in enumerate(page.lines) if page.labels[i] == BODY)
    masked_spans = tuple(ln.span for i, ln in enumerate(page.lines) if page.labels[i] != BODY)
    title, suffix = (None, None)
    title_span = None
    if page.title is not None:
        title_span = page.lines[page.title].span
        title, suffix = _split_title(page.lines[page.title].text)
    pub = page.published
    masked = _mask(text, masked_spans)
    if page.stamps:  # a date stamp at the head of a body line
        masked = _mask(masked, tuple(sorted(page.stamps, key=lambda sp: sp.start)))
    return CleanDoc(
        doc_id=raw.doc_id,
        raw=text,
        masked=masked,
        text="\n\n".join(text[s.start:s.end] for s in body),
        body=body,
        boilerplate=masked_spans,
        title=title,
        title_span=title_span,
        byline=page.byline,
        outlet=_outlet(page, suffix),
        published=pub.date if pub else None,
        published_source="dateline" if pub else "none",
        published_span=Span(pub.start, pub.end) if pub else None,
        date_hints=tuple(page.hints),
        language=raw.language,
    )


def _mask(text: str, spans: tuple[Span, ...]) -> str:
    """``text`` with every character of ``spans`` but newlines replaced by a space."""
    pieces: list[str] = []
    pos = 0
    for sp in spans:
        pieces.append(text[pos:sp.start])
        pieces.append(re.sub(r"[^\n]", " ", text[sp.start:sp.end]))
        pos = sp.end
    pieces.append(text[pos:])
    return "".join(pieces)
