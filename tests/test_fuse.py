"""Cross-document fusion: same event merged with every source; different events apart."""

from __future__ import annotations

import datetime as dt

from summitry.fuse import fuse, same_event
from summitry.records import DateRange, Event, Location, Participant, Source


def ev(
    doc: str,
    *,
    start: str | None = "2023-01-18",
    end: str | None = "2023-01-19",
    precision: str = "day",
    type: str = "CONSULT",
    countries: tuple[str, ...] = ("CUB", "USA"),
    place: str | None = "Havana",
    people: tuple[str, ...] = (),
    topics: tuple[str, ...] = ("terrorism",),
    mode: str | None = "in_person",
) -> Event:
    date = DateRange(dt.date.fromisoformat(start) if start else None,
                     dt.date.fromisoformat(end) if end else None,
                     precision if start else "unknown", f"from {doc}")
    return Event(
        type=type, mode=mode, status="occurred", date=date,
        location=Location(place, "CUB") if place else None, countries=countries,
        participants=tuple(Participant(p) for p in people), organizations=(),
        topics=topics, confidence=0.7, sources=(Source(doc),), event_id=f"ev_{doc}",
    )


def test_fuse_same_meeting_two_outlets_is_one_event_with_both_sources() -> None:
    a = ev("a", start=None, end=None)  # an undated page: same place, same topics
    b = ev("b")
    fused, redirects = fuse([a, b])
    assert len(fused) == 1
    assert fused[0].doc_ids == ("a", "b")
    assert (fused[0].date.start, fused[0].date.end) == (dt.date(2023, 1, 18),
                                                        dt.date(2023, 1, 19))
    assert "most precise date" in dict(fused[0].reasons)["date"]
    assert redirects == {}


def test_fuse_two_meetings_a_month_apart_stay_apart() -> None:
    a = ev("a", start="2023-01-18", end="2023-01-18", people=("Ana Pérez",))
    b = ev("b", start="2023-02-20", end="2023-02-20", people=("Ana Pérez",))
    assert not same_event(a, b)
    assert len(fuse([a, b])[0]) == 2


def test_fuse_meeting_and_agreement_signed_at_it_stay_two_events() -> None:
    meet = ev("a")
    deal = ev("b", type="AGREE", mode="signed")
    assert len(fuse([meet, deal])[0]) == 2


def test_fuse_phone_call_and_visit_stay_apart() -> None:
    call = ev("a", mode="phone", place=None, start="2023-01-10", end="2023-01-20",
              precision="day")
    visit = ev("b", start="2023-01-18", end="2023-01-18")
    assert not same_event(call, visit)


def test_fuse_never_merges_two_events_of_one_document() -> None:
    a = ev("a")
    b = ev("a")
    assert not same_event(a, b)


def test_fuse_keeps_an_existing_id_and_redirects_the_loser() -> None:
    a = ev("zzz")
    b = ev("aaa")
    fused, redirects = fuse([a, b], existing_ids={"ev_zzz", "ev_aaa"})
    assert [e.event_id for e in fused] == ["ev_aaa"]
    assert redirects == {"ev_zzz": "ev_aaa"}
    fused, redirects = fuse([a, b], existing_ids={"ev_zzz"})
    assert [e.event_id for e in fused] == ["ev_zzz"]
    assert redirects == {}


def test_fuse_participants_are_unioned_by_family_name() -> None:
    a = ev("a", people=("Alejandro Mayorkas",))
    b = ev("b", people=("Mayorkas", "Bruno Rodríguez"))
    fused, _ = fuse([a, b])
    assert sorted(p.name for p in fused[0].participants) == ["Alejandro Mayorkas",
                                                            "Bruno Rodríguez"]
