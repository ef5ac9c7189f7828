"""Pages in languages the parser does not read: summitry.foreign and data/languages.toml.

Every sentence here was written for these tests (none comes from a news page). Each
language has a positive sentence per event type and negatives: one government only, no
trigger, a trigger inside an excluded longer word, a hand-over with nothing handed that
is aid, an extradition that is what a request asks for.
"""

from __future__ import annotations

import datetime as dt

import pytest

from summitry import foreign, lexicon
from summitry.actors import Actor, ActorStore, Role
from summitry.errors import ConfigError
from summitry.records import CleanDoc, RawDoc, Span


def doc(text: str, lang: str, published: dt.date | None = None) -> CleanDoc:
    # a headline first, so the trigger sentence is not the page's title
    page = "Notizie\n\n" + text
    return CleanDoc(doc_id="t", raw=page, masked=page, text=page, body=(), boilerplate=(),
                    published=published, language=lang)


def found(text: str, lang: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type, e.countries) for e in foreign.extract(doc(text, lang))}


POSITIVES = [
    # Italian
    ("it", "Il ministro degli Esteri italiano ha incontrato ieri a Roma il suo omologo "
           "marocchino.", "CONSULT", ("ITA", "MAR")),
    ("it", "Spagna e Portogallo hanno firmato un accordo sulla sicurezza delle frontiere.",
     "AGREE", ("ESP", "PRT")),
    ("it", "Il latitante è stato estradato dalla Francia all'Italia.", "COOPERATE",
     ("FRA", "ITA")),
    ("it", "Il Giappone ha donato dieci motovedette alla guardia costiera tunisina.", "AID",
     ("JPN", "TUN")),
    ("it", "L'ambasciata americana ha consegnato attrezzature alla polizia libica.", "AID",
     ("LBY", "USA")),
    ("it", "Il governo brasiliano ha chiesto all'Argentina di consegnare l'imprenditore.",
     "REQUEST", ("ARG", "BRA")),
    # Spanish
    ("es", "El canciller mexicano se reunió en Madrid con su homólogo español.", "CONSULT",
     ("ESP", "MEX")),
    ("es", "Colombia y Ecuador firmaron un convenio de cooperación policial.", "AGREE",
     ("COL", "ECU")),
    ("es", "El narcotraficante fue extraditado de Colombia a Estados Unidos.", "COOPERATE",
     ("COL", "USA")),
    ("es", "Japón donó diez vehículos a la policía de Honduras.", "AID", ("HND", "JPN")),
    ("es", "Argentina presentó a Uruguay una solicitud de extradición del empresario.",
     "REQUEST", ("ARG", "URY")),
    # Portuguese
    ("pt", "O ministro brasileiro reuniu-se em Lisboa com o seu homólogo português.",
     "CONSULT", ("BRA", "PRT")),
    ("pt", "Angola e Moçambique assinaram um acordo de cooperação policial.", "AGREE",
     ("AGO", "MOZ")),
    ("pt", "O suspeito foi extraditado do Paraguai para o Brasil.", "COOPERATE",
     ("BRA", "PRY")),
    ("pt", "A embaixada americana doou equipamentos à polícia de Cabo Verde.", "AID",
     ("CPV", "USA")),
    ("pt", "O governo brasileiro solicitou à Bolívia a extradição do empresário.", "REQUEST",
     ("BOL", "BRA")),
    # French
    ("fr", "Le ministre français de l'Intérieur a rencontré à Rabat son homologue marocain.",
     "CONSULT", ("FRA", "MAR")),
    ("fr", "La Belgique et les Pays-Bas ont signé un accord sur la sécurité portuaire.",
     "AGREE", ("BEL", "NLD")),
    ("fr", "Le suspect a été extradé de l'Espagne vers la France.", "COOPERATE",
     ("ESP", "FRA")),
    ("fr", "Le Canada a fait don de véhicules blindés à la police du Mali.", "AID",
     ("CAN", "MLI")),
    ("fr", "L'Algérie a demandé à la France l'extradition de l'ancien ministre.", "REQUEST",
     ("DZA", "FRA")),
    # German (nouns capitalised; names declined: "Nigerias")
    ("de", "Die deutsche Innenministerin traf sich in Rom mit ihrem italienischen "
           "Amtskollegen.", "CONSULT", ("DEU", "ITA")),
    ("de", "Deutschland und Frankreich unterzeichneten ein Abkommen gegen Menschenhandel.",
     "AGREE", ("DEU", "FRA")),
    ("de", "Der Verdächtige wurde von Spanien nach Deutschland ausgeliefert.", "COOPERATE",
     ("DEU", "ESP")),
    ("de", "Japan übergab der Polizei Nigerias zehn Fahrzeuge.", "AID", ("JPN", "NGA")),
    ("de", "Polen ersuchte Österreich um die Festnahme des Unternehmers.", "REQUEST",
     ("AUT", "POL")),
    # Malay / Indonesian
    ("ms", "Menteri Dalam Negeri Malaysia bertemu dengan rakan sejawatannya dari Indonesia "
           "di Kuala Lumpur.", "CONSULT", ("IDN", "MYS")),
    ("ms", "Malaysia dan Thailand menandatangani memorandum persefahaman mengenai "
           "keselamatan sempadan.", "AGREE", ("MYS", "THA")),
    ("id", "Tersangka itu diekstradisi dari Singapura ke Indonesia.", "COOPERATE",
     ("IDN", "SGP")),
    ("ms", "Jepun menyumbang dua kapal peronda kepada Filipina.", "AID", ("JPN", "PHL")),
    ("id", "Indonesia meminta Malaysia mengekstradisi tersangka itu.", "REQUEST",
     ("IDN", "MYS")),
    # Russian
    ("ru", "Министр иностранных дел России провёл переговоры с китайским коллегой.",
     "CONSULT", ("CHN", "RUS")),
    ("ru", "Казахстан и Узбекистан подписали соглашение о сотрудничестве.", "AGREE",
     ("KAZ", "UZB")),
    ("ru", "Подозреваемый был экстрадирован из Польши в Германию.", "COOPERATE",
     ("DEU", "POL")),
    ("ru", "Япония безвозмездно передала Киргизии медицинское оборудование.", "AID",
     ("JPN", "KGZ")),
    ("ru", "Украина направила Польше запрос о выдаче бизнесмена.", "REQUEST", ("POL", "UKR")),
    # Greek
    ("el", "Ο Έλληνας υπουργός Εξωτερικών συναντήθηκε με τον Κύπριο ομόλογό του.", "CONSULT",
     ("CYP", "GRC")),
    ("el", "Η Ελλάδα και η Αίγυπτος υπέγραψαν συμφωνία για τη θαλάσσια ασφάλεια.", "AGREE",
     ("EGY", "GRC")),
    ("el", "Οι ελληνικές και οι ιταλικές αρχές πραγματοποίησαν κοινή επιχείρηση.",
     "COOPERATE", ("GRC", "ITA")),
    ("el", "Η Γαλλία έκανε δωρεά οχημάτων στην αστυνομία της Κύπρου.", "AID", ("CYP", "FRA")),
    ("el", "Η Τουρκία ζήτησε από τη Γερμανία την έκδοση του υπόπτου.", "REQUEST",
     ("DEU", "TUR")),
    # Thai (no spaces between words)
    ("th", "รัฐมนตรีต่างประเทศไทยหารือกับรัฐมนตรีต่างประเทศญี่ปุ่น", "CONSULT", ("JPN", "THA")),
    ("th", "ไทยและลาวลงนามบันทึกความเข้าใจด้านความมั่นคงชายแดน", "AGREE", ("LAO", "THA")),
    ("th", "ตำรวจไทยและมาเลเซียปฏิบัติการร่วมกันที่ชายแดน", "COOPERATE", ("MYS", "THA")),
    ("th", "ญี่ปุ่นบริจาคเรือตรวจการณ์ให้กัมพูชา", "AID", ("JPN", "KHM")),
    ("th", "กัมพูชาร้องขอให้ไทยส่งตัวผู้ต้องหา", "REQUEST", ("KHM", "THA")),
    # Hindi
    ("hi", "भारत और बांग्लादेश के विदेश मंत्रियों ने दिल्ली में बैठक की", "CONSULT",
     ("BGD", "IND")),
    ("hi", "भारत और जापान ने रक्षा सहयोग समझौते पर हस्ताक्षर किए", "AGREE", ("IND", "JPN")),
    ("hi", "भारत और फ्रांस की सेनाओं ने संयुक्त अभ्यास किया", "COOPERATE", ("FRA", "IND")),
    ("hi", "जापान ने श्रीलंका को दो गश्ती नौकाएं दान में दीं", "AID", ("JPN", "LKA")),
    ("hi", "भारत ने ब्रिटेन से भगोड़े व्यापारी को सौंपने का अनुरोध किया", "REQUEST",
     ("GBR", "IND")),
]


@pytest.mark.parametrize(("lang", "text", "kind", "countries"), POSITIVES)
def test_a_trigger_and_two_governments_make_an_event(lang: str, text: str, kind: str,
                                                     countries: tuple[str, ...]) -> None:
    assert (kind, countries) in found(text, lang)


def test_every_language_and_type_has_a_positive() -> None:
    langs = {lexicon.languages().for_code(lang).name  # type: ignore[union-attr]
             for lang, *_ in POSITIVES}
    assert langs == set(lexicon.languages().languages)
    for name in langs:
        kinds = {k for lang, _, k, _ in POSITIVES
                 if lexicon.languages().for_code(lang).name == name}  # type: ignore[union-attr]
        assert kinds == {"CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST"}, name


NEGATIVES = [
    # one government only
    ("it", "Il ministro italiano ha incontrato i sindaci della regione."),
    ("es", "El presidente mexicano visitó una escuela en Oaxaca."),
    ("pt", "O ministro brasileiro visitou uma escola em São Paulo."),
    ("fr", "Le ministre français a reçu des élèves au ministère."),
    ("de", "Der deutsche Minister besuchte eine Schule in Bayern."),
    ("de", "Die deutsche Mannschaft spielte gegen Italien."),
    ("ms", "Menteri Malaysia bertemu dengan pemimpin masyarakat di Johor."),
    ("ru", "Президент России посетил завод в Казани."),
    ("el", "Ο πρωθυπουργός της Ελλάδας επισκέφθηκε ένα νοσοκομείο."),
    ("th", "นายกรัฐมนตรีไทยหารือกับผู้ว่าราชการจังหวัด"),
    ("hi", "भारत सरकार ने किसानों को सहायता प्रदान की"),
    # two countries, no trigger
    ("it", "Francia e Germania sono paesi con molte città antiche."),
    ("ru", "Россия и Китай граничат на востоке."),
    # a country name written in lower case is a common word ("mali": evils)
    ("it", "L'Italia ha firmato un accordo contro i mali del passato."),
    # 'Μάλιστα' (indeed) is not Mali
    ("el", "Μάλιστα, η Ελλάδα υπέγραψε συμφωνία."),
    # a trigger inside an excluded phrase ("de acuerdo con": according to)
    ("es", "De acuerdo con el informe, México y Guatemala tienen un clima cálido."),
    # "มอบ" (hand over) inside "มอบหมาย" (assign)
    ("th", "ไทยมอบหมายให้เจ้าหน้าที่ดูแลนักท่องเที่ยวจีน"),
    # sport: a match is no meeting
    ("it", "L'incontro tra Italia e Francia allo stadio è finito due a uno."),
    ("es", "El encuentro entre España y Portugal terminó con tres goles."),
    ("de", "Beim Treffen von Deutschland und Italien im Stadion fielen keine Tore."),
    # a hand-over of nothing that is aid
    ("it", "La Spagna ha consegnato una lettera al Marocco."),
    ("es", "Chile entregó una nota diplomática a Bolivia."),
]


@pytest.mark.parametrize(("lang", "text"), NEGATIVES)
def test_no_event_without_a_trigger_and_two_governments(lang: str, text: str) -> None:
    assert found(text, lang) == set()


def test_what_a_request_asks_for_is_not_an_event_of_its_own() -> None:
    assert found("Indonesia meminta Malaysia mengekstradisi tersangka itu.", "id") == {
        ("REQUEST", ("IDN", "MYS"))}
    assert found("กัมพูชาร้องขอให้ไทยส่งตัวผู้ต้องหา", "th") == {("REQUEST", ("KHM", "THA"))}


def test_one_event_per_type_and_governments_on_a_page() -> None:
    text = ("Il ministro italiano ha incontrato il collega tunisino a Roma. "
            "Durante l'incontro Italia e Tunisia hanno parlato di migranti. "
            "Un nuovo incontro tra Italia e Tunisia è atteso.")
    events = foreign.extract(doc(text, "it"))
    assert [(e.type, e.countries) for e in events] == [("CONSULT", ("ITA", "TUN"))]


def test_status_mode_place_date_topics_and_evidence() -> None:
    page = doc("Il 12 marzo 2024 il ministro italiano ha incontrato a Roma il collega "
               "tunisino per parlare di immigrazione. Il ministro tunisino incontrerà il "
               "prossimo mese il collega francese.", "it", dt.date(2024, 3, 13))
    events = {e.countries: e for e in foreign.extract(page)}
    met = events[("ITA", "TUN")]
    assert (met.type, met.status, met.mode) == ("CONSULT", "occurred", "in_person")
    assert met.location is not None and (met.location.name, met.location.country) == (
        "Rome", "ITA")
    assert met.date.iso() == {"start": "2024-03-12", "end": "2024-03-12", "precision": "day"}
    assert met.topics == ("migration",)
    fields = set()
    for ev in met.sources[0].evidence:
        assert page.raw[ev.start:ev.end] == ev.text
        fields.add(ev.field)
    assert {"type", "countries", "status", "date", "location", "topics"} <= fields
    assert dict(met.reasons)["location"] == "place of the event's sentence"
    assert events[("FRA", "TUN")].status == "planned"
    assert "location" not in dict(events[("FRA", "TUN")].reasons)  # no place, no reason


def test_place_in_another_script() -> None:
    # GeoNames' alternate names of big cities: a Greek locative, a Hindi city anywhere
    met = foreign.extract(doc("Ο Έλληνας υπουργός συναντήθηκε στο Κάιρο με τον Αιγύπτιο "
                              "ομόλογό του.", "el"))
    assert [(e.countries, e.location and e.location.name) for e in met] == [
        (("EGY", "GRC"), "Cairo")]
    talks = foreign.extract(doc("भारत और नेपाल के अधिकारियों ने काठमांडू में बैठक की", "hi"))
    assert [(e.countries, e.location and e.location.name) for e in talks] == [
        (("IND", "NPL"), "Kathmandu")]


def test_phone_and_signed_modes() -> None:
    call = foreign.extract(doc("Telefonata tra il ministro italiano e il collega greco.", "it"))
    assert [(e.type, e.mode) for e in call] == [("CONSULT", "phone")]
    sign = foreign.extract(doc("Chile y Perú firmaron un memorando de entendimiento.", "es"))
    assert [(e.type, e.mode) for e in sign] == [("AGREE", "signed")]


def test_known_office_holders_count_as_their_government() -> None:
    # the actor store knows Matteo Piantedosi (Italy); the sentence names one country
    events = foreign.extract(doc("Il ministro tunisino ha incontrato Matteo Piantedosi.",
                                 "it"))
    assert [(e.type, e.countries) for e in events] == [("CONSULT", ("ITA", "TUN"))]
    assert [p.name for p in events[0].participants] == ["Matteo Piantedosi"]


def test_organisations_by_name_and_acronym() -> None:
    assert ("AGREE", ("EUROPOL", "PER")) in found(
        "Perú y Europol firmaron un acuerdo de trabajo.", "es")
    assert ("CONSULT", ("EU", "MAR")) in found(
        "Il Marocco e l'Ue hanno avviato un dialogo sulla migrazione.", "it")


def test_declined_names_match_in_russian_and_greek() -> None:
    assert ("AGREE", ("DEU", "RUS")) in found(
        "Между Россией и Германией было подписано соглашение.", "ru")
    assert ("CONSULT", ("EGY", "GRC")) in found(
        "Επίσκεψη του υπουργού της Ελλάδας στην Αίγυπτο.", "el")


def test_which_languages_are_read() -> None:
    assert foreign.reads("it") and foreign.reads("id") and foreign.reads("th")
    assert not foreign.reads("en") and not foreign.reads(None) and not foreign.reads("tr")
    assert foreign.extract(doc("Italy and France signed an agreement.", "en")) == []


def test_precheck_is_a_necessary_condition() -> None:
    assert foreign.precheck("Spagna e Portogallo hanno firmato un accordo.", "it")
    assert not foreign.precheck("Spagna e Portogallo sono vicini.", "it")
    assert not foreign.precheck("Il ministro spagnolo ha firmato un decreto.", "it")


def test_fold_keeps_offsets() -> None:
    text = "Perú, Ελλάδα, ё, फ़्रांस, d’accord"
    assert len(foreign.fold(text)) == len(text)
    assert foreign.fold("Perú d’accord Ελλάδα") == "Peru d'accord Ελλαδα"


# --------------------------------------------------------------------------- the pipeline


def test_the_pipeline_reads_a_page_in_another_language(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Roma, 4 giugno 2024\n\nIl ministro dell'Interno italiano ha incontrato oggi a "
            "Roma il suo omologo albanese. I due ministri hanno firmato un accordo contro il "
            "traffico di droga.\n")
    raw = RawDoc("it_page", text, language="it")
    _doc, events = pipeline.process(raw)
    assert {(e.type, e.countries) for e in events} == {("CONSULT", ("ALB", "ITA")),
                                                      ("AGREE", ("ALB", "ITA"))}
    for e in events:
        assert e.sources[0].doc_id == "it_page"
        for ev in e.sources[0].evidence:
            assert text[ev.start:ev.end] == ev.text
    [(_d, batch)] = pipeline.process_batch([raw])
    assert {(e.type, e.countries) for e in batch} == {(e.type, e.countries) for e in events}


def test_the_pipeline_drops_an_ordinary_page_in_another_language(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("La squadra italiana ha vinto la partita contro la Francia per due a uno. "
            "L'allenatore ha ringraziato i tifosi.\n")
    _doc, events = pipeline.process(RawDoc("it_sport", text, language="it"))
    assert events == []


# --------------------------------------------------------------------------- the data file


def test_packaged_languages_load() -> None:
    langs = lexicon.languages()
    assert {"it", "es", "pt", "fr", "de", "ms", "ru", "el", "th", "hi"} <= set(langs.languages)
    assert langs.for_code("id") is langs.languages["ms"]
    assert langs.for_code("en") is None


# --------------------------------------------------------------------------- people by title

PEOPLE = [
    # (language, sentence, the people it names: (name, country))
    ("it", "Il ministro dell'Interno tunisino Kamel Ferri ha incontrato a Roma il ministro "
           "italiano Paolo Bianchetti.", {("Kamel Ferri", "TUN"), ("Paolo Bianchetti", "ITA")}),
    ("it", "Il capo della polizia, Lorenzo Galante, ha incontrato il ministro francese.",
     {("Lorenzo Galante", None)}),
    ("es", "El fiscal general de Colombia, Andrés Montoya Ruiz, se reunió con el ministro del "
           "Interior español.", {("Andrés Montoya Ruiz", "COL")}),
    ("es", "Julia Cabrera, secretaria de Seguridad de México, firmó un convenio con Guatemala.",
     {("Julia Cabrera", "MEX")}),
    ("pt", "O ministro da Justiça brasileiro Rui Carvalho assinou um acordo com Portugal.",
     {("Rui Carvalho", "BRA")}),
    ("fr", "Le ministre marocain de l'Intérieur, Karim Bennani, a rencontré son homologue "
           "français.", {("Karim Bennani", "MAR")}),
    ("de", "Die österreichische Innenministerin Petra Hollmann traf ihren deutschen Amtskollegen "
           "Jens Albrecht.", {("Petra Hollmann", "AUT"), ("Jens Albrecht", "DEU")}),
    ("ms", "Menteri Dalam Negeri Malaysia Ahmad Fauzi Rahman bertemu dengan ketua polis "
           "Thailand.", {("Ahmad Fauzi Rahman", "MYS")}),
    ("ru", "Министр внутренних дел Казахстана Арман Жумабеков провёл переговоры с узбекским "
           "коллегой.", {("Arman Zhumabekov", "KAZ")}),
    ("el", "Ο υπουργός Εξωτερικών της Κύπρου Γιώργος Παππάς συναντήθηκε με τον Έλληνα ομόλογό "
           "του.", {("Giorgos Pappas", "CYP")}),
]


def people(text: str, lang: str) -> set[tuple[str, str | None]]:
    rd = foreign.reader(lang)
    assert rd is not None
    folded = foreign.fold(text)
    return {(tp.participant.name, tp.participant.country) for tp in foreign.titled_people(
        rd, ActorStore(), folded, text, rd.find_parties(folded, text))}


@pytest.mark.parametrize(("lang", "text", "expected"), PEOPLE)
def test_a_title_names_a_person_with_the_country_it_gives(
        lang: str, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert people(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "L'ex ministro dell'Interno Carlo Verdi ha parlato con la stampa tunisina."),
    ("it", "Il ministro ha incontrato a Roma la delegazione tunisina."),
    ("es", "El presidente de la comisión dijo que el acuerdo con Chile avanza."),
    ("pt", "O ministro disse que Brasil e Portugal vão assinar um acordo."),
    ("fr", "L'ancien ministre Paul Durand a critiqué la visite du Maroc."),
    ("de", "Der frühere Innenminister Klaus Weber kritisierte das Abkommen mit Polen."),
    ("ms", "Mantan Menteri Luar Negeri Budi Santoso mengkritik perjanjian itu."),
    ("ru", "Бывший министр иностранных дел Иван Петров раскритиковал соглашение."),
    ("el", "Ο πρώην υπουργός Εξωτερικών Νίκος Αλεξίου άσκησε κριτική."),
    ("ms", "Menteri Luar Negeri Indonesia berada di Kuala Lumpur."),  # no name
])
def test_no_person_without_a_name_or_for_a_former_holder(lang: str, text: str) -> None:
    assert people(text, lang) == set()


def test_a_name_stops_at_a_locative_and_a_country() -> None:
    assert people("Menteri Luar Negeri Indonesia Sari Wulandari di Kuala Lumpur.", "ms") == {
        ("Sari Wulandari", "IDN")}
    assert people("El canciller Tomás Rivera de Chile habló.", "es") == {("Tomás Rivera", None)}


def test_a_name_in_another_script_is_spelt_in_latin_letters() -> None:
    table = lexicon.languages().languages["el"].romanize
    assert foreign.romanized("Νίκος Δένδιας", table) == "Nikos Dendias"
    assert foreign.romanized("Σούκρι", table) == "Soukri"
    ru = lexicon.languages().languages["ru"].romanize
    assert foreign.romanized("Кен Гросс", ru) == "Ken Gross"


def store_with(name: str, country: str, role: str) -> ActorStore:
    return ActorStore([Actor("x1", name, country, roles=(Role(role, None, country, None, None),))])


def test_a_known_person_resolves_by_surname_after_a_title() -> None:
    store = store_with("Lucia Marangoni", "ITA", "Minister of the Interior")
    text = "Il ministro Marangoni ha incontrato a Tunisi il ministro dell'Interno tunisino."
    rd = foreign.reader("it")
    assert rd is not None
    folded = foreign.fold(text)
    found = foreign.titled_people(rd, store, folded, text, rd.find_parties(folded, text))
    assert [(t.participant.name, t.participant.role, t.known) for t in found] == [
        ("Lucia Marangoni", "Minister of the Interior", True)]
    # a surname alone the store does not know is no person
    assert people("Il ministro Marangoni ha parlato.", "it") == set()


def test_the_event_takes_the_people_of_its_governments_or_of_none() -> None:
    text = ("Il ministro dell'Interno italiano Paolo Bianchetti ha incontrato a Roma il suo "
            "omologo tunisino Kamel Ferri. Al colloquio era presente l'ambasciatore tedesco "
            "Hans Keller.")
    (event,) = foreign.extract(doc(text, "it", dt.date(2023, 5, 10)))
    assert event.countries == ("ITA", "TUN")
    assert {(p.name, p.role, p.country) for p in event.participants} == {
        ("Paolo Bianchetti", "ministro dell'Interno", "ITA"),
        ("Kamel Ferri", "omologo", "TUN")}
    spans = [e.text for s in event.sources for e in s.evidence if e.field == "participants"]
    assert "ministro dell'Interno italiano Paolo Bianchetti" in spans


def test_people_of_another_sentence_join_with_their_government() -> None:
    text = ("Gli Stati Uniti hanno donato dieci veicoli alla polizia del Marocco.\n"
            "La donazione è stata consegnata dall'ambasciatore statunitense Mark Ellison.")
    (event,) = foreign.extract(doc(text, "it", dt.date(2023, 5, 10)))
    assert event.type == "AID"
    assert [(p.name, p.country) for p in event.participants] == [("Mark Ellison", "USA")]
    # another government's office holder, or one of no known government, elsewhere on the
    # page is no participant
    text = ("Gli Stati Uniti hanno donato dieci veicoli alla polizia del Marocco.\n"
            "Lo ha detto l'ambasciatore tedesco Hans Keller.\n"
            "Lo ha confermato il direttore Marco Lenti.")
    (event,) = foreign.extract(doc(text, "it", dt.date(2023, 5, 10)))
    assert event.participants == ()


# --------------------------------------------------------------------------- relative dates

RELATIVE = [
    # (language, sentence, the event's date; published Wednesday 2023-05-10)
    ("it", "Ieri il ministro italiano ha incontrato a Roma il suo omologo tunisino.",
     dt.date(2023, 5, 9)),
    ("it", "Lunedì scorso il ministro italiano ha incontrato il suo omologo tunisino.",
     dt.date(2023, 5, 8)),
    ("es", "El lunes el canciller mexicano se reunió con su homólogo español.",
     dt.date(2023, 5, 8)),
    ("es", "Ayer Colombia y Ecuador firmaron un convenio de cooperación policial.",
     dt.date(2023, 5, 9)),
    ("pt", "Na segunda-feira o ministro brasileiro reuniu-se com o seu homólogo português.",
     dt.date(2023, 5, 8)),
    ("pt", "Ontem Angola e Moçambique assinaram um acordo de cooperação policial.",
     dt.date(2023, 5, 9)),
    ("fr", "Hier, la Belgique et les Pays-Bas ont signé un accord sur la sécurité portuaire.",
     dt.date(2023, 5, 9)),
    ("fr", "Mardi, le ministre français a rencontré à Rabat son homologue marocain.",
     dt.date(2023, 5, 9)),
    ("es", "El ministro del Interior español, Domingo Pérez, se reunió con su homólogo "
           "mexicano.", None),  # a capitalised weekday inside a sentence is a name
    ("de", "Am Montag unterzeichneten Deutschland und Frankreich ein Abkommen.",
     dt.date(2023, 5, 8)),
    ("de", "Deutschland und Frankreich unterzeichneten gestern ein Abkommen.",
     dt.date(2023, 5, 9)),
    ("ms", "Semalam Malaysia dan Thailand menandatangani memorandum persefahaman.",
     dt.date(2023, 5, 9)),
    ("id", "Pada hari Senin Indonesia dan Malaysia menandatangani nota kesepahaman.",
     dt.date(2023, 5, 8)),
    ("id", "Kemarin Indonesia dan Malaysia menandatangani nota kesepahaman.",
     dt.date(2023, 5, 9)),
    ("ru", "Вчера Казахстан и Узбекистан подписали соглашение о сотрудничестве.",
     dt.date(2023, 5, 9)),
    ("ru", "В понедельник Казахстан и Узбекистан подписали соглашение о сотрудничестве.",
     dt.date(2023, 5, 8)),
    ("el", "Χθες η Ελλάδα και η Αίγυπτος υπέγραψαν συμφωνία για τη θαλάσσια ασφάλεια.",
     dt.date(2023, 5, 9)),
    ("el", "Την Δευτέρα η Ελλάδα και η Αίγυπτος υπέγραψαν συμφωνία.", dt.date(2023, 5, 8)),
]


@pytest.mark.parametrize(("lang", "text", "day"), RELATIVE)
def test_relative_days_and_weekdays_date_the_event(lang: str, text: str,
                                                   day: dt.date | None) -> None:
    (event,) = foreign.extract(doc(text, lang, dt.date(2023, 5, 10)))
    if day is None:
        assert "weekday" not in event.date.how and "relative" not in event.date.how
        return
    assert (event.date.start, event.date.end, event.date.precision) == (day, day, "day")
    assert any(e.field == "date" for s in event.sources for e in s.evidence)


def test_a_planned_event_on_a_weekday_is_the_coming_one() -> None:
    text = "Il ministro italiano incontrerà giovedì a Roma il suo omologo tunisino."
    (event,) = foreign.extract(doc(text, "it", dt.date(2023, 5, 10)))
    assert event.status == "planned"
    assert event.date.start == dt.date(2023, 5, 11)


GOOD = """
version = 1
[languages.xx]
detected = ["xx"]
cldr = ["it"]
match = "words"
[languages.xx.triggers]
consult = ["meet"]
agree = ["sign"]
cooperate = ["joint"]
aid = ["donate"]
request = ["ask"]
[languages.xx.cues]
planned = ["will"]
phone = ["phone"]
virtual = ["video"]
signed = ["sign"]
[languages.xx.countries]
ITA = ["italic*"]
[languages.xx.organizations]
EU = ["EU"]
"""


def test_a_minimal_file_parses() -> None:
    langs = lexicon.parse_languages(GOOD)
    assert langs.languages["xx"].countries == {"ITA": ("italic*",), "EU": ("EU",)}


@pytest.mark.parametrize(("old", "new", "message"), [
    ('ITA = ["italic*"]', 'XYZ = ["italic*"]', "'XYZ' is not an ISO 3166-1"),
    ('EU = ["EU"]', 'EUX = ["EU"]', "'EUX' is not an organisation code"),
    ('consult = ["meet"]', 'consult = ["me*et"]', "'*' may only end a word"),
    ('consult = ["meet"]', 'consult = []', "non-empty list"),
    ('match = "words"', 'match = "letters"', "match must be one of"),
    ('request = ["ask"]', 'request = ["ask"]\nhandover = ["give"]', "go together"),
    ('request = ["ask"]', 'request = ["ask"]\nmeeting = ["x"]', "unknown event type"),
    ('detected = ["xx"]', 'detected = ["xx"]\ncolour = "red"', "unknown key 'colour'"),
    ('[languages.xx.cues]', '[languages.xx.topics]\nweather = ["rain"]\n[languages.xx.cues]',
     "'weather' is not a topic"),
    ('planned = ["will"]', 'planned = ["will", "will"]', "duplicate"),
    ("version = 1", "version = 2", "not supported"),
    ('match = "words"', 'match = "words"\ntitle_complements = ["of x"]',
     "title_complements without titles"),
    ('[languages.xx.cues]', '[languages.xx.romanize]\n"ab" = "é"\n[languages.xx.cues]',
     "is not Latin letters"),
    ('[languages.xx.cues]', '[languages.xx.romanize]\n"abc" = "a"\n[languages.xx.cues]',
     "is not one or two lower-case letters"),
])
def test_a_broken_languages_file_raises_config_error(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(ConfigError, match=message):
        lexicon.parse_languages(GOOD.replace(old, new))


def test_a_place_in_the_sentence_after_the_trigger() -> None:
    # the trigger's sentence names no city; the next one names one of a government's
    met = foreign.extract(doc("Il ministro italiano ha incontrato il collega tunisino. "
                              "Il colloquio si è svolto a Tunisi nel pomeriggio.", "it"))
    assert [(e.countries, e.location and e.location.name) for e in met] == [
        (("ITA", "TUN"), "Tunis")]
    assert dict(met[0].reasons)["location"] == \
        "place of the next sentence, in one of the event's countries"
    # a city of neither government in the next sentence is not the venue
    far = foreign.extract(doc("Il ministro italiano ha incontrato il collega tunisino. "
                              "Poi è partito a Parigi nel pomeriggio.", "it"))
    assert [(e.countries, e.location) for e in far] == [(("ITA", "TUN"), None)]


def test_a_government_building_after_a_locative() -> None:
    met = foreign.extract(doc("Il ministro italiano ha incontrato al Viminale il collega "
                              "tunisino.", "it"))
    assert [(e.countries, e.location and e.location.name) for e in met] == [
        (("ITA", "TUN"), "Rome")]


def test_a_national_agency_stands_for_its_government_in_thai() -> None:
    # "the ONCB discussed with the Chinese delegation"; "exchanged letters of cooperation"
    assert ("CONSULT", ("CHN", "THA")) in found("ป.ป.ส. หารือกับคณะผู้แทนจีนเรื่องยาเสพติด", "th")
    assert ("AGREE", ("CHN", "THA")) in found(
        "ป.ป.ส. และตำรวจจีนแลกเปลี่ยนหนังสือความร่วมมือด้านยาเสพติด", "th")


def test_the_page_stamp_does_not_hide_the_day_the_body_names() -> None:
    # stamp "12 March 2021", then "on 9 March 2564 (Buddhist era) the ONCB received ..."
    text = ("12 มีนาคม 2021\n\nเมื่อวันที่ 9 มีนาคม 2564 ป.ป.ส. ต้อนรับคณะผู้แทนจีน "
            "และหารือความร่วมมือด้านยาเสพติด")
    events = foreign.extract(doc(text, "th", published=dt.date(2021, 3, 12)))
    consult = [e for e in events if e.type == "CONSULT"]
    assert consult and (consult[0].date.start, consult[0].date.end) == (
        dt.date(2021, 3, 9), dt.date(2021, 3, 9))


def test_a_body_sentence_naming_more_parties_of_the_headline_event_adds_them() -> None:
    # two trainee countries in the headline, the trainer (Italy's Carabinieri, a national
    # force standing for its government) in the body: one event of three
    headline = "Concluso il corso di addestramento per agenti di Kenya e Ghana"
    page = (headline + "\n\nIl corso di addestramento dei Carabinieri per le polizie di "
            "Kenya e Ghana si è svolto a Roma.")
    titled = CleanDoc(doc_id="t", raw=page, masked=page, text=page, body=(), boilerplate=(),
                      title_span=Span(0, len(headline)), language="it")
    assert {(e.type, e.countries) for e in foreign.extract(titled)} == {
        ("COOPERATE", ("GHA", "ITA", "KEN"))}
    # a later body sentence naming more is background: the first body sentence's parties
    body = ("Il corso di addestramento dei Carabinieri per le polizie di Kenya e Ghana si è "
            "svolto a Roma. Il corso di addestramento lega Italia, Kenya e Ghana con la "
            "Francia.")
    assert found(body, "it") == {("COOPERATE", ("GHA", "ITA", "KEN"))}


def test_a_transliterated_name_of_a_known_holder_of_that_country() -> None:
    # the store knows Sameh Shoukry (Egypt): "Soukri" is another spelling, and the title
    # says the office is Egypt's
    events = foreign.extract(doc("Il ministro greco ha incontrato il ministro degli Esteri "
                                 "egiziano, Sameh Soukri.", "it"))
    names = {p.name for e in events for p in e.participants}
    assert "Sameh Shoukry" in names and "Sameh Soukri" not in names
    # the same spelling with another country's title is not him
    other = foreign.extract(doc("Il ministro greco ha incontrato il ministro degli Esteri "
                                "tunisino, Sameh Soukri.", "it"))
    assert "Sameh Shoukry" not in {p.name for e in other for p in e.participants}


def test_the_one_named_with_a_counterpart_is_of_the_other_government() -> None:
    visit = ("Il ministro degli Esteri Marco Bellini si trova al Cairo, dove ha incontrato "
             "il suo {who} egiziano Sameh Shoukry.\n\nLa visita rientra nelle relazioni "
             "strategiche tra Italia ed Egitto.")
    people = {(p.name, p.country) for e in foreign.extract(doc(visit.format(who="omologo"), "it"))
              for p in e.participants}
    assert people == {("Sameh Shoukry", "EGY"), ("Marco Bellini", "ITA")}
    # negative: with no counterpart word nothing says whose minister Bellini is
    plain = foreign.extract(doc(visit.format(who="ministro"), "it"))
    assert {p.name for e in plain for p in e.participants} == {"Sameh Shoukry"}


def test_counterparts_are_their_own_list_of_each_language() -> None:
    langs = lexicon.languages().languages
    assert "omologo" in langs["it"].counterparts and "omologo" not in langs["it"].titles
    assert "ομόλογό του" in langs["el"].counterparts
