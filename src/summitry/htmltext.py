"""HTML page -> the text summitry reads, plus the page's metadata.

trafilatura extracts the main text (menus, scripts, share widgets and footers are left
out) and the metadata: title, author, site name, and the publication date, which it gets
through htmldate (``<meta>`` tags, JSON-LD, URL, visible date lines). The document's text
is the title, a byline and a date line when the page gives them, then the article's
paragraphs, one per line; evidence offsets point into that text, and the original HTML is
kept with the document.

Pages trafilatura cannot parse (markup nested thousands of levels deep, broken trees) fall
back to a flat tag-stripper that never recurses, so a hostile page yields its visible
text, or a clear failure, instead of crashing the run.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import logging
import re

from summitry import dates
from summitry.errors import IngestError
from summitry.records import RawDoc

log = logging.getLogger(__name__)

_SKIP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|section|article|header|footer|ul|ol|"
                    r"blockquote|table|nav|aside|main|title)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# inline payloads no reader of text or dates needs: images as data URIs, and large
# scripts other than JSON-LD (where pages declare their dates)
_DATA_URI = re.compile(r"""(["'])data:[^"'\s]{512,}\1""")
_BIG_SCRIPT = re.compile(r"(<script\b(?![^>]*ld\+json)[^>]*>)[^<]{20000,}(</script\s*>)", re.I)


def lighten(html: str) -> str:
    """``html`` without inline data URIs and large non-JSON-LD scripts: a news page's
    bulk, which the text and date readers would scan for nothing (the stored page keeps
    them)."""
    if len(html) < 50_000:
        return html
    return _BIG_SCRIPT.sub(r"\1\2", _DATA_URI.sub(r"\1data:,\1", html))


def strip_tags(html: str) -> str:
    """Visible text of any markup, one block per line, without building a tree."""
    text = _COMMENT.sub(" ", html)
    text = _SKIP.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = htmllib.unescape(text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _markup_date(html: str, url: str | None) -> dt.date | None:
    """The publication date the page's markup declares (meta tags, JSON-LD, time
    elements, URL); never a date guessed from the visible text, which on news pages is
    as often a related article's date as the article's own."""
    try:
        from htmldate import find_date

        found = find_date(html, url=url, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
    except (ValueError, TypeError, RecursionError, MemoryError):
        return None
    return dates.iso_date(found)


def to_rawdoc(doc_id: str, html: str, path: str | None, *, url: str | None = None,
              published: dt.date | None = None) -> RawDoc:
    """Extract one page; raise :class:`IngestError` when it has no readable text."""
    title = author = site = None
    body = ""
    date = None
    light = lighten(html)
    try:
        import trafilatura

        # a 10 MB single-line page or 20,000 nested tags: too big a tree for lxml
        if light.count("<") > 200_000:
            raise ValueError("too many tags")
        doc = trafilatura.bare_extraction(light, url=url, with_metadata=True,
                                          include_comments=False, favor_recall=True)
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
        if isinstance(doc, dict):
            body = (doc.get("text") or "").strip()
            title = (doc.get("title") or None)
            author = doc.get("author") or None
            site = doc.get("sitename") or None
    except (RecursionError, ValueError, TypeError, AttributeError, MemoryError) as exc:
        log.info("%s: trafilatura failed (%s); using the flat text", doc_id, exc)
    date = _markup_date(light, url)
    if not body:
        body = strip_tags(light)
    if not body.strip():
        raise IngestError(f"{path or doc_id}: the HTML page has no visible text")
    # one block per paragraph, separated by a blank line, as plain-text news pages are
    body = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    head = [title] if title and title not in body[:400] else []
    if author and author not in body[:600]:
        head.append(f"By {author}")
    if site and site not in body[:600] and site != title:
        head.append(site)
    published = published or date
    text = "\n\n".join([*head, body]) if head else body
    return RawDoc(doc_id, text, path, published=published, url=url, title=title, html=html,
                  format="html")
