"""clean(): boilerplate masking that keeps offsets, and the page's metadata.

Every page here is a small synthetic page written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitry.clean import clean, explain, justext_boilerplate, split_paragraphs
from summitry.records import CleanDoc, RawDoc, Span

NAV = "Home | World | Americas | Security"
TITLE = "Coastal Nations Agree to Share Radar Data on Smuggling Routes – Harbor Ledger"
BYLINE = "By Marisol Quintero"
DATELINE = "March 14, 2022"
UPDATED = "Updated: March 15, 2022 10:30 GMT"
SHARE = ("Share on Facebook", "Share on Twitter")
BODY1 = ("The defence ministers of Ruritania and Freedonia agreed on Monday to exchange coastal "
         "radar data in order to track smuggling boats along their shared maritime border.")
BODY2 = ("Officials said the arrangement would start with a pilot phase in the northern ports, "
         "followed by a wider rollout next year if the trial proves useful to both navies.")
SUBHEAD = "New patrol schedule"
BODY3 = ("The ministers also discussed joint training for coast guard crews, according to a "
         "statement released after the talks ended in the capital.")
RELATED_HEAD = "Related articles"
RELATED = (
    "- Drought threatens harvest in the southern valleys",
    "- Local football club wins regional cup after penalty shootout",
    "- Museum reopens after two years of renovation works",
)
FOOTER = "© 2022 Harbor Ledger. All rights reserved."

PAGE = "\n".join([
    NAV, TITLE, BYLINE, DATELINE, UPDATED, *SHARE, BODY1, BODY2, SUBHEAD, BODY3,
    RELATED_HEAD, *RELATED, FOOTER, "",
])

# a second page: related list without bullets, agency dateline opening the article
PAGE_AGENCY = "\n".join([
    "Border Agencies Open Joint Training Centre",
    "LIMA, Oct. 8, 2021 (Reuters) - Police chiefs from Peru and Bolivia opened a joint "
    "training centre for border officers on Friday, the interior ministry said in a statement.",
    "The centre will train customs and migration officers from both countries in detecting "
    "forged documents and smuggled goods at crossings.",
    "You may also like",
    "Heavy rains flood highland villages",
    "Central bank raises interest rates again",
    "Film festival announces this year's winners",
    "",
])

ARTICLE = (
    "The interior ministers of the two neighbouring republics met on Friday to review the "
    "progress of their joint plan against cattle smuggling.\n"
    "Both delegations said the talks had been frank and productive, and that technical teams "
    "would meet again within the next three months.\n"
)


def _clean(text: str, **kw: str) -> CleanDoc:
    return clean(RawDoc("t", text, None), **kw)


def _kept(doc: CleanDoc, line: str) -> bool:
    """``line`` (which occurs once in the raw text) is left as it is in ``masked``."""
    i = doc.raw.index(line)
    return doc.masked[i:i + len(line)] == line


def _masked(doc: CleanDoc, line: str) -> bool:
    """Every character of ``line`` is blanked out in ``masked``."""
    i = doc.raw.index(line)
    return doc.masked[i:i + len(line)] == " " * len(line)


def _assert_offsets_kept(doc: CleanDoc) -> None:
    assert len(doc.masked) == len(doc.raw)
    for i, (m, r) in enumerate(zip(doc.masked, doc.raw, strict=True)):
        assert m == r or m == " ", (i, m, r)
        if r == "\n":
            assert m == "\n", i


# --------------------------------------------------------------------------- masking


def test_clean_masked_keeps_length_offsets_and_newlines() -> None:
    doc = _clean(PAGE)
    assert doc.raw == PAGE
    _assert_offsets_kept(doc)
    # and something was actually masked, something kept
    assert doc.masked != doc.raw
    assert doc.masked.strip()


def test_clean_keeps_article_paragraphs_and_short_subheading() -> None:
    doc = _clean(PAGE)
    for line in (BODY1, BODY2, SUBHEAD, BODY3):
        assert _kept(doc, line), line
    body_texts = [PAGE[s.start:s.end] for s in doc.body]
    assert SUBHEAD in body_texts
    assert body_texts[-4:] == [BODY1, BODY2, SUBHEAD, BODY3]


def test_clean_masks_navigation_share_widgets_related_list_and_footer() -> None:
    doc = _clean(PAGE)
    for line in (NAV, *SHARE, RELATED_HEAD, *RELATED, FOOTER):
        assert _masked(doc, line), line


def test_clean_masks_header_metadata_lines_but_keeps_title() -> None:
    doc = _clean(PAGE)
    assert _kept(doc, TITLE)
    for line in (BYLINE, DATELINE, UPDATED):
        assert _masked(doc, line), line


def test_clean_masks_unbulleted_list_after_related_heading() -> None:
    doc = _clean(PAGE_AGENCY)
    _assert_offsets_kept(doc)
    for line in ("You may also like", "Heavy rains flood highland villages",
                 "Central bank raises interest rates again",
                 "Film festival announces this year's winners"):
        assert _masked(doc, line), line
    assert _kept(doc, "The centre will train customs")


def test_clean_body_and_boilerplate_partition_the_paragraphs() -> None:
    doc = _clean(PAGE)
    both = sorted([*doc.body, *doc.boilerplate], key=lambda s: s.start)
    assert both == split_paragraphs(PAGE)
    assert not set(doc.body) & set(doc.boilerplate)
    assert doc.text == "\n\n".join(PAGE[s.start:s.end] for s in doc.body)


def test_clean_explain_gives_a_label_and_reason_per_paragraph() -> None:
    rows = explain(PAGE)
    assert [r[0] for r in rows] == split_paragraphs(PAGE)
    labels = {PAGE[s.start:s.end]: label for s, label, _ in rows}
    assert labels[BODY1] == "body"
    assert labels[SHARE[0]] == "boilerplate"
    assert labels[BYLINE] == "meta"
    assert all(reason for _, _, reason in rows)


# --------------------------------------------------------------------------- metadata


def test_clean_reads_title_outlet_byline_and_published_date() -> None:
    doc = _clean(PAGE)
    assert doc.title == "Coastal Nations Agree to Share Radar Data on Smuggling Routes"
    assert doc.outlet == "Harbor Ledger"
    assert doc.byline == "Marisol Quintero"
    assert doc.title_span is not None
    assert PAGE[doc.title_span.start:doc.title_span.end] == TITLE
    assert doc.published == dt.date(2022, 3, 14)
    assert doc.published_source == "dateline"
    assert doc.published_span is not None
    assert PAGE[doc.published_span.start:doc.published_span.end] == "March 14, 2022"
    assert doc.published_span.start == PAGE.index(DATELINE)


def test_clean_updated_stamp_is_a_hint_not_the_publication_date() -> None:
    doc = _clean(PAGE)
    updated = [h for h in doc.date_hints if h.kind == "updated"]
    assert len(updated) == 1
    assert updated[0].date == dt.date(2022, 3, 15)
    assert PAGE[updated[0].span.start:updated[0].span.end] == "March 15, 2022"
    assert doc.published != dt.date(2022, 3, 15)


def test_clean_copyright_year_is_a_hint() -> None:
    doc = _clean(PAGE)
    copy = [h for h in doc.date_hints if h.kind == "copyright"]
    assert len(copy) == 1
    assert copy[0].date == dt.date(2022, 1, 1)
    assert PAGE[copy[0].span.start:copy[0].span.end] == "2022"
    assert copy[0].span.start > PAGE.index("©")


def test_clean_only_updated_stamp_leaves_published_unknown() -> None:
    text = "Updated March 15, 2022\nMinisters discuss cattle smuggling plan in border talks\n"
    doc = _clean(text + ARTICLE)
    assert doc.published is None
    assert doc.published_source == "none"
    assert doc.published_span is None
    assert [(h.kind, h.date) for h in doc.date_hints] == [("updated", dt.date(2022, 3, 15))]
    assert doc.title == "Ministers discuss cattle smuggling plan in border talks"


def test_clean_last_modified_iso_stamp_is_updated_hint() -> None:
    text = ("Ministers discuss cattle smuggling plan in border talks\n"
            "Last modified: 2022-03-15 08:00\n")
    doc = _clean(text + ARTICLE)
    assert doc.published is None
    hint = doc.date_hints[0]
    assert (hint.kind, hint.date) == ("updated", dt.date(2022, 3, 15))
    assert (text + ARTICLE)[hint.span.start:hint.span.end] == "2022-03-15"


def test_clean_published_line_with_pipe_outlet_suffix() -> None:
    text = ("Ministers discuss cattle smuggling plan | The Valley Courier\n"
            "Published 14 March 2022\n" + ARTICLE + "Tags: security, smuggling\n"
            "Print this article\n")
    doc = _clean(text)
    assert doc.title == "Ministers discuss cattle smuggling plan"
    assert doc.outlet == "The Valley Courier"
    assert doc.published == dt.date(2022, 3, 14)
    assert _masked(doc, "Tags: security, smuggling")
    assert _masked(doc, "Print this article")


def test_clean_agency_dateline_opening_the_article_gives_date_and_outlet() -> None:
    doc = _clean(PAGE_AGENCY)
    assert doc.published == dt.date(2021, 10, 8)
    assert doc.published_span is not None
    assert PAGE_AGENCY[doc.published_span.start:doc.published_span.end] == "Oct. 8, 2021"
    assert doc.outlet == "Reuters"
    assert doc.title == "Border Agencies Open Joint Training Centre"
    # the dateline paragraph is article text, not masked
    assert _kept(doc, "LIMA, Oct. 8, 2021 (Reuters) - Police chiefs")


def test_clean_source_line_gives_outlet_and_is_masked() -> None:
    text = "Ministers discuss port security\nSource: Gazette of the Isles\n" + ARTICLE
    doc = _clean(text)
    assert doc.outlet == "Gazette of the Isles"
    assert _masked(doc, "Source: Gazette of the Isles")


def test_clean_copyright_holder_is_outlet_when_nothing_better() -> None:
    text = ("Ministers discuss port security in island talks\n" + ARTICLE
            + "Copyright © 2019-2021 Island Wire Service\n")
    doc = _clean(text)
    assert doc.outlet == "Island Wire Service"
    assert [(h.kind, h.date) for h in doc.date_hints] == [("copyright", dt.date(2021, 1, 1))]


def test_clean_ambiguous_numeric_date_follows_the_page_convention() -> None:
    head = "Ministers discuss port security in island talks\n03/04/2021\n"
    # no evidence on the page: day-first, as most of the world writes
    assert _clean(head + ARTICLE).published == dt.date(2021, 4, 3)
    # the page writes month-first elsewhere ("12/25/2020" in a related list)
    us = head + ARTICLE + "\nRelated\n  • Holiday travel rises (12/25/2020)\n"
    assert _clean(us).published == dt.date(2021, 3, 4)
    # spelled dates in US order tip it too
    us2 = head + ARTICLE + "\nRelated\n  • Storm season ends (November 30, 2020)\n"
    assert _clean(us2).published == dt.date(2021, 3, 4)


def test_clean_unambiguous_numeric_date_is_read_day_first() -> None:
    text = "Ministers discuss port security in island talks\n25/04/2021\n" + ARTICLE
    assert _clean(text).published == dt.date(2021, 4, 25)


def test_clean_short_title_case_headline_is_the_title() -> None:
    text = "Ministers Discuss Port Security Cooperation\nBy Marisol Quintero\n" + ARTICLE
    doc = _clean(text)
    assert doc.title == "Ministers Discuss Port Security Cooperation"
    assert doc.byline == "Marisol Quintero"


def test_clean_same_headline_in_sentence_case_is_the_title() -> None:
    # the same headline in sentence case: only the capitalisation differs
    text = "Ministers discuss port security cooperation\nBy Marisol Quintero\n" + ARTICLE
    doc = _clean(text)
    assert doc.title == "Ministers discuss port security cooperation"
    assert doc.byline == "Marisol Quintero"


# --------------------------------------------------------------------------- methods, junk


def test_clean_unknown_method_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown cleaning method"):
        _clean(PAGE, method="magic")


def test_clean_justext_method_uses_justext_verdicts_and_same_metadata() -> None:
    long_para = (
        "The interior ministers of the two neighbouring republics met on Friday to review the "
        "progress of their joint plan against cattle smuggling, and they said that it would be "
        "a long and difficult process for all of the people who are involved in it.")
    text = "\n".join([NAV, TITLE, DATELINE, long_para, long_para + " Again.", FOOTER, ""])
    paragraphs = split_paragraphs(text)
    verdicts = justext_boilerplate(text, paragraphs)
    assert verdicts == [True, True, True, False, False, True]  # jusText itself
    doc = _clean(text, method="justext")
    _assert_offsets_kept(doc)
    assert list(doc.body) == [sp for sp, junk in zip(paragraphs, verdicts, strict=True) if not junk]
    assert doc.published == _clean(text).published == dt.date(2022, 3, 14)
    assert _masked(doc, NAV)
    assert _masked(doc, TITLE)  # jusText drops the title; the summitry method keeps it
    assert _kept(_clean(text), TITLE)


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n", "\x00\x01\x02", "©" * 50])
def test_clean_degenerate_pages(text: str) -> None:
    doc = _clean(text)
    _assert_offsets_kept(doc)
    assert doc.body == ()
    assert doc.text == ""
    assert doc.published is None


def test_clean_doc_id_is_carried() -> None:
    assert clean(RawDoc("abc-123", PAGE)).doc_id == "abc-123"


_PAGE_LINES = st.sampled_from([
    NAV, TITLE, BYLINE, DATELINE, UPDATED, *SHARE, BODY1, BODY2, SUBHEAD, BODY3, RELATED_HEAD,
    *RELATED, FOOTER, "LIMA, Oct. 8, 2021 (Reuters) - a b c", "03/04/2021", "2023-02-30",
    "Source: (X)", "• item", "\r", "Copyright 1999", "You may also like",
])
_ANY_CHAR = st.characters(exclude_categories=())
_JUNK_LINE = st.one_of(
    st.text(_ANY_CHAR, max_size=80),
    st.builds(lambda c, n: c * n, _ANY_CHAR, st.integers(0, 20_000)),  # very long lines
    _PAGE_LINES,
)


def _check_invariants(text: str, doc: CleanDoc) -> None:
    _assert_offsets_kept(doc)
    spans: list[Span] = sorted([*doc.body, *doc.boilerplate], key=lambda s: s.start)
    assert spans == split_paragraphs(text)
    for hint in doc.date_hints:
        assert hint.kind in {"updated", "copyright", "dateline"}
        assert 0 <= hint.span.start < hint.span.end <= len(text)
    if doc.published_span is not None:
        assert doc.published is not None
        assert 0 <= doc.published_span.start < doc.published_span.end <= len(text)
    if doc.title_span is not None:
        assert doc.title_span in doc.body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ANY_CHAR, max_size=400))
def test_clean_never_raises_on_arbitrary_text(text: str) -> None:
    _check_invariants(text, _clean(text))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(_JUNK_LINE, max_size=25), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_clean_never_raises_on_mixed_junk_and_page_lines(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    _check_invariants(text, _clean(text))


def test_a_short_text_without_headline_keeps_its_sentences() -> None:
    text = ("Published: 8 July 2022\n\nThe interior ministers of Spain and Morocco met in Rabat "
            "on Friday to discuss irregular migration and smuggling.\n\nThe two ministers agreed "
            "to renew their partnership.\n")
    doc = _clean(text)
    assert "met in Rabat" in doc.masked and "renew their partnership" in doc.masked
    assert doc.title is None or "met in Rabat" not in doc.title


def test_a_hard_wrapped_release_is_joined_back_into_paragraphs() -> None:
    from summitry.clean import clean, split_paragraphs
    from summitry.records import RawDoc

    para = ("During talks in Accra on Tuesday, the Interior Minister of Ghana\n"
            "and the Security Minister of Togo discussed the breadth of their\n"
            "shared priorities and the patrols along the common border, which\n"
            "have reduced the smuggling of small arms by a third this year.\n")
    text = "Ghana and Togo widen police cooperation\n\n" + "\n".join([para] * 4)
    spans = split_paragraphs(text)
    assert len(spans) == 5  # the title and four paragraphs of four lines each
    assert text[spans[1].start:spans[1].end] == para.strip()
    doc = clean(RawDoc("wrapped", text))
    assert len(doc.masked.strip()) > 0.9 * len(text.strip())
    plain = "One short line.\nAnother short line.\n" * 6
    assert len(split_paragraphs(plain)) == 12  # not wrapped: lines stay lines


@pytest.mark.parametrize("stamp", ["2023-05-09 14:02:11", "Posted 9 May 2023"])
def test_clean_reads_a_stamp_closing_a_page_without_a_header_date(stamp: str) -> None:
    title = "Ministers discuss cattle smuggling plan in border talks\n"
    text = title + ARTICLE + "Source: wire services\n" + stamp + "\n"
    doc = _clean(text)
    assert doc.published == dt.date(2023, 5, 9)
    assert doc.published_span is not None
    assert "2023" in text[doc.published_span.start:doc.published_span.end] or \
        "May" in text[doc.published_span.start:doc.published_span.end]
    assert stamp not in doc.text  # the stamp is no sentence of the article


def test_clean_closing_date_far_from_the_end_or_updated_is_no_publication_date() -> None:
    title = "Ministers discuss cattle smuggling plan in border talks\n"
    far = title + ARTICLE + "2023-05-09 14:02:11\n" + ARTICLE + "More from the region.\n" \
        "Share this story.\n"
    assert _clean(far).published is None
    updated = title + ARTICLE + "Updated 9 May 2023\n"
    assert _clean(updated).published is None


CONSENT = (
    "This website uses cookies so that we can personalise content and ads and measure how "
    "our pages are read by visitors from many places.",
    "We pass details of your use of our site on to our advertising and analytics partners, "
    "who may combine them with other information you gave them.",
)


def test_clean_masks_a_consent_notice_even_when_it_reads_like_sentences() -> None:
    page = "\n".join([TITLE, BODY1, *CONSENT, BODY2, ""])
    doc = _clean(page)
    for line in CONSENT:
        assert _masked(doc, line), line
    assert _kept(doc, BODY1) and _kept(doc, BODY2)


def test_clean_keeps_the_numbered_paragraphs_of_a_statement() -> None:
    first = ("1. On 4 March 2022, Minister for Security the Hon Alana Brook MP and His "
             "Excellency Dr. Tomas Ruiz Vega, Minister of Interior of Peru, met in Lima.")
    page = (f"{first}\n\n"
            "2. Ministers agreed to deepen their cooperation against the trafficking of "
            "people and drugs across the region.\n\n"
            "3. Ministers welcomed the work of their officials since the last meeting and "
            "asked them to report back before the end of the year.\n")
    doc = _clean(page)
    assert doc.masked.startswith(first)
    # a short numbered menu stays navigation
    menu = ("1. Home\n\n2. World News\n\n3. Contact\n\n"
            "The ministers of both countries met in the capital on Monday to discuss the "
            "smuggling of migrants across their shared border and agreed to meet again.\n")
    assert "World News" not in _clean(menu).masked


def test_clean_reads_the_stamp_closing_a_title_line() -> None:
    page = ("Smuggler Extradited to Spain Ana Ruiz - Wire go to original May 06, 2011\n\n"
            "Madrid - A man accused of running a smuggling ring has been extradited to "
            "Spain, officials said on Friday, after a request by the court in Madrid.\n")
    doc = _clean(page)
    assert doc.published == dt.date(2011, 5, 6)
    headline = ("Ministers Meet Over Border Plan Ahead Of Talks\n\n"
                "The ministers met on Friday to prepare the border plan, officials said in "
                "a statement, and will meet again next month in the capital.\n")
    assert _clean(headline).published is None


def test_clean_a_dateline_lead_full_of_names_and_titles_is_body() -> None:
    lead = ("NAIROBI, March 4 (KNA) -- Kenyan Cabinet Secretary for Interior Kipchumba "
            "Murkomen met Ugandan Minister of Internal Affairs Gen. Kahinda Otafiire via "
            "video link on Tuesday.")
    page = ("Kenya and Uganda interior chiefs hold video talks\n\n"
            "March 4, 2025\n\n" + lead + "\n\n"
            "The two ministers agreed that border police would share information on "
            "cattle raiders and that a joint committee would meet again in May.\n")
    rows = {page[sp.start:sp.end]: (label, why) for sp, label, why in explain(page)}
    assert rows[lead] == ("body", "dateline lead")
    assert "Murkomen met" in clean(RawDoc("d", page)).text
    # the same sentence without its dateline is left to the other rules
    bare = page.replace("NAIROBI, March 4 (KNA) -- ", "")
    assert all(why != "dateline lead" for _sp, _label, why in explain(bare))


def test_clean_a_lead_that_opens_with_the_page_date_label_is_body() -> None:
    # full of names and titles, so not "mostly lower case" prose
    lead = (" date 2025-03-04 Interior Cabinet Secretary Kipchumba Murkomen discussed cattle "
            "raids with Ugandan Internal Affairs Minister Kahinda Otafiire in Kampala Tuesday.")
    page = (lead + "\n\nThe two ministers agreed that border police would share information "
            "on cattle raiders and that a joint committee would meet again in May.\n")
    rows = {page[sp.start:sp.end].strip(): (label, why) for sp, label, why in explain(page)}
    assert rows[lead.strip()][0] == "body"
    doc = clean(RawDoc("d", page))
    assert "Otafiire in Kampala" in doc.text
    assert doc.published == dt.date(2025, 3, 4)
    assert "2025-03-04" not in doc.masked  # the label is the page's date, no event's
