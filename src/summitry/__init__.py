"""summitry: deduplicated, evidence-linked international cooperation events from raw news.

The public Python API::

    import summitry
    events = summitry.extract(text, published=datetime.date(2023, 1, 20))

returns :class:`~summitry.records.Event` records; ``event.as_dict()`` is the export shape.
"""

from __future__ import annotations

import datetime as _dt
import logging

from summitry.records import DateRange, Event, Evidence, Location, Participant, Source

__all__ = ["DateRange", "Event", "Evidence", "Location", "Participant", "Source", "extract"]
__version__ = "0.1.0"


def extract(text: str, published: _dt.date | None = None) -> list[Event]:
    """Extract the cooperation events of one page of text.

    ``published`` is the page's publication date when known (it anchors relative
    dates such as "this Thursday"); the page's own date line is used otherwise.
    """
    from summitry.pipeline import extract_text

    return extract_text(text, published)


logging.getLogger(__name__).addHandler(logging.NullHandler())
