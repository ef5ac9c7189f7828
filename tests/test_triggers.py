"""Triggers: event words, their type, role, mode cue and status (needs the spaCy model)."""

from __future__ import annotations

import pytest

from summitry import nlp
from summitry.triggers import find_triggers

pytestmark = pytest.mark.slow


def triggers(text: str) -> list[tuple[str, str, str, str | None, bool]]:
    doc = nlp.load()(text)
    return [(t.token.text, t.type, t.role, t.mode_cue, t.planned)
            for s in doc.sents for t in find_triggers(s)]


def test_triggers_meeting_verb_is_primary_consult() -> None:
    assert ("met", "CONSULT", "primary", None, False) in triggers(
        "The French interior minister met his Moroccan counterpart in Rabat on Monday.")


def test_triggers_videoconference_is_virtual() -> None:
    found = triggers("The two ministers held a videoconference on Tuesday.")
    assert ("videoconference", "CONSULT", "primary", "virtual", False) in found


def test_triggers_signed_memorandum_is_agree_signed() -> None:
    found = triggers("Kenya and Uganda signed a memorandum of understanding on border security.")
    assert ("signed", "AGREE", "primary", "signed", False) in found


def test_triggers_a_signed_joint_statement_is_an_agreement() -> None:
    found = triggers("The two ministers signed a joint statement on border security.")
    assert ("signed", "AGREE", "primary", "signed", False) in found
    # a statement the news comes from is no instrument
    assert not [t for t in triggers(
        "The governor signed the decree, his office said in a statement.") if t[1] == "AGREE"]


def test_triggers_agreed_that_is_not_an_agreement() -> None:
    found = triggers("Both parties agreed that coordination will benefit both countries.")
    assert all(t[1] != "AGREE" for t in found)


def test_triggers_future_visit_is_planned() -> None:
    found = triggers("The minister will visit Bogotá next week.")
    assert any(t[1] == "CONSULT" and t[4] for t in found)


def test_triggers_definite_meeting_is_anaphoric_and_bare_plural_is_generic() -> None:
    found = triggers("The meeting lasted two hours. Recent meetings were productive.")
    assert ("meeting", "CONSULT", "anaphoric", None, False) in found
    assert all(t[0] != "meetings" for t in found)


def test_triggers_extradition_and_donation() -> None:
    found = triggers("Colombia extradited the cartel leader to the United States. "
                     "Japan donated patrol boats and radar equipment to the Philippines.")
    types = {t[1] for t in found}
    assert {"COOPERATE", "AID"} <= types


def test_triggers_ordinary_news_has_none() -> None:
    assert triggers("The striker scored twice as the home side won the derby.") == []


# --------------------------------------------------------------------------- lexicon families
# One paraphrase per family of data/lexicon.toml that the trigger finder reads: a sentence
# using a listed word must trigger the right type, and a near miss must not.


def _types(text: str, role: str = "primary") -> set[str]:
    return {t[1] for t in triggers(text) if t[2] == role}


@pytest.mark.parametrize(("sentence", "type_"), [
    # triggers.consult.verbs
    ("The Kenyan foreign minister conferred with her Ethiopian counterpart.", "CONSULT"),
    ("Ghana hosted the defence ministers of Togo and Benin on Thursday.", "CONSULT"),
    ("The Chilean president telephoned the Argentine leader late on Sunday.", "CONSULT"),
    # triggers.consult.with_verbs + with_preps
    ("The Uruguayan minister spoke with his Brazilian colleague about smuggling.", "CONSULT"),
    # triggers.consult.receive_verbs + visitors
    ("The Peruvian president received the ambassador of Japan at the palace.", "CONSULT"),
    # triggers.consult.call_on_verbs + visitors
    ("The Ghanaian delegation called on Interior Minister Ama Mensah in Lome.", "CONSULT"),
    # triggers.consult.call_cues ("courtesy")
    ("The Peruvian envoy paid a courtesy call on the Bolivian president.", "CONSULT"),
    # triggers.consult.open_verbs + open_objects
    ("Brazil and Paraguay launched a security dialogue in Asuncion.", "CONSULT"),
    # triggers.consult.nouns
    ("Officials from Fiji and Samoa held consultations in Suva.", "CONSULT"),
    # triggers.agree.nouns + sign_verbs + signature_verbs
    ("Norway and Iceland signed a memorandum on fisheries patrols.", "AGREE"),
    ("Ecuador and Colombia ratified the border treaty in May.", "AGREE"),
    # triggers.agree.reach_verbs + reach_objects
    ("Mali and Niger reached an agreement on joint patrols.", "AGREE"),
    # triggers.agree.adopt_verbs + adoptable
    ("The ministers of Chad and Cameroon adopted a joint declaration.", "AGREE"),
    # triggers.agree.sign_verbs ("hammer" out) + nouns
    ("Envoys of Bhutan and Nepal hammered out a new border framework in Thimphu.", "AGREE"),
    # triggers.agree.agree_verbs + agree_preps
    ("Vietnam and Laos agreed on a new framework for drug control.", "AGREE"),
    # triggers.agree.create_verbs + created
    ("Spain and Portugal agreed to create a joint task force.", "AGREE"),
    # triggers.cooperate.transfer_verbs + bare_transfer_verbs
    ("Peru extradited the fugitive banker to Bolivia on Friday.", "COOPERATE"),
    # triggers.cooperate.hand_verbs + hand_objects
    ("Dutch police handed over intelligence to their Belgian colleagues.", "COOPERATE"),
    # triggers.cooperate.joint_verbs + joint_patterns
    ("Police arrested five suspects in cooperation with the Spanish Guardia Civil.",
     "COOPERATE"),
    # triggers.cooperate.operation_nouns + operation_modifiers
    ("A binational operation by Mexico and Guatemala dismantled the ring.", "COOPERATE"),
    # triggers.cooperate.train_verbs + train_objects
    ("French gendarmes trained thirty Malian border officers in Bamako.", "COOPERATE"),
    # triggers.cooperate.training_nouns + train_objects
    ("A three-week course for Zambian police investigators opened in Lusaka.", "COOPERATE"),
    # triggers.aid.verbs + objects
    ("Japan donated ten patrol boats to Vietnam in March.", "AID"),
    ("The United States pledged five million dollars to Honduras.", "AID"),
    ("Korea committed a grant of two million dollars to the Fijian police.", "AID"),
    # triggers.agree.found_verbs + found_objects
    ("Chile and Argentina set up a joint task force against cattle theft.", "AGREE"),
    # triggers.request.verbs + objects
    ("Turkey requested the extradition of two suspects from Greece.", "REQUEST"),
    ("Nigeria urged Benin to extradite the smugglers.", "REQUEST"),
])
def test_family_word_triggers_its_type(sentence: str, type_: str) -> None:
    assert type_ in _types(sentence)


@pytest.mark.parametrize("sentence", [
    "The minister spoke about inflation at a rally.",  # with_verbs need a partner
    "The ministry received a letter of complaint.",  # receive needs a visitor
    "The mayor opened a new bakery downtown.",  # open_verbs need an open_object
    "The company reached record profits this year.",  # reach needs an agreement
    "The council adopted new parking measures.",  # adopt needs an adoptable
    "The referee handed the captain a yellow card.",  # hand needs hand_objects
    "Police arrested a man for shoplifting on Friday.",  # joint_verbs need a joint cue
    "She gave a long speech at the university.",  # aid verbs need an aid object
    "Both sides committed to closer ties.",  # commit needs an aid object too
    "The club formed a new youth choir.",  # found verbs need a joint body
    "The national team trained in Madrid before the final.",  # train needs train_objects
    "Unions called on the minister to resign over the strike.",  # an appeal, not a call
    "A cooking course for beginners opens in June.",  # training nouns need trainees too
    "Reporters asked questions about the weather.",  # request verbs need an object
    "The call for calm went unheeded.",  # frame noun outside its frame
    "The press conference drew many reporters.",  # conference_exclusions
    "A possible summit between the two leaders was mooted.",  # frames.hypothetical
    "The two ministers did not meet in Lima.",  # negation
])
def test_near_miss_does_not_trigger(sentence: str) -> None:
    assert _types(sentence) == set()


def test_content_verbs_only_add_to_an_event() -> None:
    found = triggers("They discussed border security and reviewed the patrols.")
    assert {t[2] for t in found} == {"content"}


def test_mode_cues_from_the_lexicon() -> None:
    virtual = triggers("The ministers of Peru and Chile met by video link on Monday.")
    assert any(t[3] == "virtual" for t in virtual)
    phone = triggers("The president of Kenya spoke by phone with the Somali leader.")
    assert any(t[3] == "phone" for t in phone)


def test_frames_ordinals_make_a_new_occurrence() -> None:
    found = triggers("The second meeting took place in Quito.")
    assert ("meeting", "CONSULT", "primary", None, False) in found


def test_frames_future_words_make_it_planned() -> None:
    found = triggers("An upcoming summit in Nairobi will gather the leaders.")
    assert any(t[0] == "summit" and t[4] for t in found)


@pytest.mark.parametrize("text", [
    "The government of Peru asked Chile to extradite the former mayor.",
    "Italy has requested the extradition of the two smugglers from Greece.",
    "Spain sought the extradition of the suspect from Argentina last year.",
])
def test_triggers_the_act_a_request_asks_for_is_part_of_the_request(text: str) -> None:
    types = [t[1] for t in triggers(text)]
    assert "REQUEST" in types and "COOPERATE" not in types, types


def test_triggers_an_extradition_carried_out_is_cooperation() -> None:
    assert [t[1] for t in triggers("Chile extradited the former mayor to Peru on Friday.")] \
        == ["COOPERATE"]


@pytest.mark.parametrize("text", [
    "Japan presented two patrol vessels to the coast guard of Vanuatu on Monday.",
    "Canada gifted ten trucks to the police of Haiti.",
])
def test_triggers_vessels_and_vehicles_handed_as_gifts_are_aid(text: str) -> None:
    assert "AID" in [t[1] for t in triggers(text)]


@pytest.mark.parametrize("text", [
    "Fiji has taken delivery of a patrol vessel from New Zealand, the navy said.",
    "The presentation of twelve vehicles to the border police of Chad took place on Monday.",
])
def test_triggers_a_delivery_or_handover_of_aid_objects_is_aid(text: str) -> None:
    assert "AID" in [t[1] for t in triggers(text)]


@pytest.mark.parametrize("text", [
    "The delivery of the speech was delayed by an hour.",
    "The handover of the suspect to the police of Chad took place on Monday.",
])
def test_triggers_a_delivery_or_handover_of_anything_else_is_not_aid(text: str) -> None:
    assert "AID" not in [t[1] for t in triggers(text)]


def test_triggers_presenting_a_report_is_not_aid() -> None:
    assert "AID" not in [t[1] for t in triggers(
        "The minister presented the annual crime report to parliament.")]


def test_triggers_information_provided_is_cooperation_but_a_clause_providing_for_it_is_not(
        ) -> None:
    assert "COOPERATE" in [t[1] for t in triggers(
        "Colombian police provided information to the Spanish Guardia Civil on the cargo.")]
    assert "COOPERATE" not in [t[1] for t in triggers(
        "The memorandum provides for the exchange of information between the two forces.")]


def test_triggers_virtual_assets_do_not_make_a_meeting_virtual() -> None:
    found = triggers("The ministers met in Ottawa and agreed to freeze virtual and physical "
                     "assets of the cartel.")
    assert all(t[3] != "virtual" for t in found if t[1] == "CONSULT")
    held = triggers("The ministers of Peru and Chile met virtually on Monday.")
    assert any(t[3] == "virtual" for t in held)


def test_agreeing_to_found_a_body_is_one_agreement_trigger() -> None:
    from summitry import nlp as nlp_mod
    from summitry.triggers import find_triggers

    doc = nlp_mod.load()("Chile and Argentina agreed to set up a joint task force.")
    found = [(t.token.lemma_, t.type) for t in find_triggers(next(iter(doc.sents)))]
    assert found == [("agree", "AGREE")]


# ------------------------------------------------------------------ deferred lemmatizer

_LEMMA_TEXT = ("Kenya and Uganda signed two memoranda on Friday.\n\nThe visiting ministers "
               "were holding talks while their deputies agreed to exchange prisoners; the "
               "envoys had been flying in since the summits ended.")


def test_deferred_lemmatizer_gives_the_lemmas_of_the_whole_pass() -> None:
    model = nlp.load()
    assert nlp.deferred(model) == ["lemmatizer"]
    eager = model(_LEMMA_TEXT)
    lazy = model(_LEMMA_TEXT, disable=nlp.deferred(model))
    assert lazy[3].lemma == 0  # not lemmatized until read
    assert [nlp.lemma_of(t) for t in lazy] == [t.lemma_ for t in eager]
    assert [t.lemma_ for t in lazy] == [t.lemma_ for t in eager]  # each token kept its own
    assert [(t.pos_, t.dep_, t.head.i, t.ent_type_) for t in lazy] == [
        (t.pos_, t.dep_, t.head.i, t.ent_type_) for t in eager]


def test_triggers_are_the_same_with_the_lemmatizer_deferred() -> None:
    model = nlp.load()
    found = [[(t.token.i, t.type, t.role, t.mode_cue, t.planned) for s in doc.sents
              for t in find_triggers(s)]
             for doc in (model(_LEMMA_TEXT), model(_LEMMA_TEXT, disable=nlp.deferred(model)))]
    assert found[0] == found[1] and found[0]


def test_lemma_of_an_eagerly_lemmatized_token_is_its_lemma() -> None:
    doc = nlp.load()("The ministers met.")
    assert [nlp.lemma_of(t) for t in doc] == ["the", "minister", "meet", "."]


def test_request_noun_with_what_is_asked_for_is_a_request() -> None:
    got = triggers("Ruritania formally presented the extradition request to the Borduvian "
                   "government on Tuesday.")
    assert ("request", "REQUEST", "primary", None, False) in got
    assert not [t for t in got if t[1] == "COOPERATE"]  # the extradition is only asked for
    assert ("request", "REQUEST", "primary", None, False) in triggers(
        "Ruritania sent Borduvia a request for assistance against the smuggling gangs.")


def test_request_noun_without_an_object_of_ours_is_no_trigger() -> None:
    assert triggers("The mayor made a request to the committee about parking.") == []


def test_a_second_verb_reads_the_first_verbs_passive_subject() -> None:
    got = triggers("The patrol boat was bought by the embassy last year and was today "
                   "presented to the Borduvian navy.")
    assert ("presented", "AID", "primary", None, False) in got


def test_agreeing_to_found_a_joint_body_is_an_agreement() -> None:
    got = triggers("Police chiefs of the three countries agreed to create a trinational "
                   "security desk to share data on smugglers.")
    assert ("agreed", "AGREE", "primary", None, False) in [
        (w, t, r, None, p) for w, t, r, _m, p in got]


def test_triggers_police_of_several_nations_acting_together_is_cooperation() -> None:
    assert ("arrested", "COOPERATE", "primary", None, False) in triggers(
        "Peruvian and Bolivian police arrested twelve members of the gang on Tuesday.")
    # "united to break up the ring, detaining ...": the subject of the governing verb
    assert "COOPERATE" in [t[1] for t in triggers(
        "The Chilean, Argentine and Uruguayan police united to break up a smuggling ring, "
        "detaining nine people.")]
    # one nation's police alone: a domestic arrest
    assert "COOPERATE" not in [t[1] for t in triggers(
        "Bolivian police arrested twelve members of the gang on Tuesday.")]


def test_triggers_coordinated_raids_are_an_operation() -> None:
    found = triggers("The crackdown involved coordinated raids in Chile, Peru and Ecuador.")
    assert ("raids", "COOPERATE", "primary", None, False) in found
    assert "COOPERATE" not in [t[1] for t in triggers(
        "Police carried out raids in the northern districts of the city.")]
