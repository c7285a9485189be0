"""Statements: quotes and reported speech about arms supply, who said them, what
they are about, and the utterances that must be left out."""

from __future__ import annotations

import pytest

from workers.parser.catalogue.actors import find_actors
from workers.parser.people.officials import extract_officials
from workers.parser.statements.quotes import find_quotes
from workers.parser.statements import extract_statements


def _statements(nlp, text: str):
    doc = nlp(text)
    mentions = find_actors(doc, nlp)
    return extract_statements(doc, mentions, extract_officials(doc))


def _triples(nlp, text: str) -> list[tuple[str, str, bool]]:
    return [(s.speaker, s.evidence, s.direct_quote) for s in _statements(nlp, text)]


LEAD = "Russia will supply S-300 missile systems to Syria, the defence ministry said.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reported speech: clause after the verb, clause before it, "according to"
        (LEAD + "Russian Defence Minister Sergei Shoigu said that Moscow would deliver the systems within two weeks.",
         [("Sergei Shoigu", "Moscow would deliver the systems within two weeks", False)]),
        (LEAD + "Russia will supply the Syrian army with S-300 systems, Russian Defence Minister Sergei Shoigu "
                "announced on Monday.",
         [("Sergei Shoigu", "Russia will supply the Syrian army with S-300 systems", False)]),
        (LEAD + "Russian Defence Minister Sergei Shoigu spoke in Moscow. According to Shoigu, the systems will "
                "strengthen Syria's air defence forces.",
         [("Sergei Shoigu", "the systems will strengthen Syria's air defence forces", False)]),
        # a verb that carries the utterance in its object
        (LEAD + "US National Security Adviser John Bolton described the planned delivery as a major mistake.",
         [("John Bolton", "described the planned delivery as a major mistake", False)]),
        # a direct quote, attributed after it, and a pronoun resolved to the speaker
        (LEAD + "Russian Defence Minister Sergei Shoigu spoke on Monday. \"The S-300 deliveries will begin "
                "soon,\" he said.",
         [("Sergei Shoigu", "The S-300 deliveries will begin soon", True)]),
        # a reported clause and a following quote are two statements
        (LEAD + "Russian Deputy Prime Minister Dmitry Rogozin said Russia would continue to supply weapons to Syria. "
                "\"We will keep our contracts,\" Rogozin said.",
         [("Dmitry Rogozin", "Russia would continue to supply weapons to Syria", False),
          ("Dmitry Rogozin", "We will keep our contracts", True)]),
        # an institution the gazetteer files under its state still speaks
        (LEAD + "The Kremlin said the deliveries of S-300 systems would go ahead.",
         [("Kremlin", "the deliveries of S-300 systems would go ahead", False)]),
        # "according to" a title with the name in apposition
        ("France has delivered Caesar howitzers to Ukraine.\n\nAccording to Ukraine's ambassador to France, "
         "Vadym Omelchenko, more deliveries are expected in the coming weeks.",
         [("Vadym Omelchenko", "more deliveries are expected in the coming weeks", False)]),
        # a later "the diplomat" is the ambassador named before
        ("France will deliver Rafale jets to India.\n\nFrench Ambassador to India Emmanuel Lenain spoke in Delhi. "
         "The diplomat added that France was ready to transfer technology.",
         [("Emmanuel Lenain", "France was ready to transfer technology", False)]),
        # thanks to the supplier by the recipient's minister
        ("Poland will send T-72 tanks to Ukraine.\n\nUkraine's Defence Minister Oleksii Reznikov thanked Poland "
         "for the decision.",
         [("Oleksii Reznikov", "thanked Poland for the decision", False)]),
        # a press service speaks for its body; "according to him" goes to the last person
        (LEAD + "The press service of the Federal Service for Military-Technical Cooperation said a delegation "
                "from Egypt had discussed purchases of Su-35 fighters.",
         [("Federal Service for Military-Technical Cooperation",
           "a delegation from Egypt had discussed purchases of Su-35 fighters", False)]),
        (LEAD + "Director General of Rosoboronexport Alexander Mikheyev spoke at the forum. According to him, the "
                "contracts cover deliveries to countries in Asia and Africa.",
         [("Alexander Mikheyev", "the contracts cover deliveries to countries in Asia and Africa", False)]),
        # "quoted as saying", a parenthetical attribution, and "adding:" before a quote
        (LEAD + "Russian Deputy Foreign Minister Sergei Ryabkov was quoted by Interfax as saying that Moscow "
                "would honour the contract.",
         [("Sergei Ryabkov", "Moscow would honour the contract", False)]),
        (LEAD + "The deal, Syrian Defence Minister Ali Abdullah Ayoub said, was signed last year.",
         [("Ali Abdullah Ayoub", "The deal, Syrian Defence Minister Ali Abdullah Ayoub said, was signed last year",
           False)]),
        (LEAD + "Russian Defence Minister Sergei Shoigu said the first S-300 systems would arrive in October, "
                "adding: \"We will keep our promise.\"",
         [("Sergei Shoigu", "the first S-300 systems would arrive in October", False),
          ("Sergei Shoigu", "We will keep our promise", True)]),
        # "the company" is the arms maker named before
        (LEAD + "Rheinmetall will refurbish 50 Leopard 1 tanks for Ukraine. The company said the first tanks "
                "would be ready in May.",
         [("Rheinmetall", "the first tanks would be ready in May", False)]),
        # an institution speaks, and later "the department" is the same one
        ("The United States will provide Ukraine with Javelin missiles, the State Department said on Friday. "
         "\"Our assistance is defensive,\" the department said in a statement.",
         [("State Department", "The United States will provide Ukraine with Javelin missiles", False),
          ("State Department", "Our assistance is defensive", True)]),
    ],
)
def test_found(nlp, text, expected):
    got = _triples(nlp, text)
    for item in expected:
        assert item in got
    speakers = {s for s, _e, _d in got}
    assert speakers <= {s for s, _e, _d in expected} | {"defence ministry"}


@pytest.mark.parametrize(
    "text",
    [
        # countries and capitals are not speakers
        LEAD + "Ankara has denied that the ship was carrying arms to Libya.",
        LEAD + "Paris announced a similar suspension of arms exports to Turkey.",
        # unnamed officials and sources are not speakers
        LEAD + "A senior defence official said the missiles would be delivered in May.",
        LEAD + "U.S. officials said the package would include Javelin missiles.",
        LEAD + "A Western diplomat said the first S-300 systems could be delivered within weeks.",
        # news media reporting are not speakers
        LEAD + "Der Spiegel reported that the first air defence system had reached Ukraine.",
        LEAD + "According to Fox News, the flights carried weapons components to Hezbollah.",
        # reported speech in a headline repeats the body
        "Poland to send Ukraine tanks; Kremlin warns of escalation\n\nWARSAW (Reuters) - Poland will send "
        "T-72 tanks to Ukraine.",
        # an utterance that is not about arms supply
        "Russian President Vladimir Putin said the ceasefire was holding and refugees were returning home.",
        "\"I am sure that these agreements will benefit both peoples,\" Russian President Vladimir Putin said.",
    ],
)
def test_left_out(nlp, text):
    lead = [s for s in _statements(nlp, text) if not text.startswith(s.evidence)]
    assert [(s.speaker, s.evidence) for s in lead if s.speaker != "defence ministry"] == []


@pytest.mark.parametrize(
    ("text", "speaker", "supplier", "recipients"),
    [
        ("Russian Deputy Prime Minister Dmitry Rogozin said Russia would continue to supply weapons to Azerbaijan "
         "and Armenia.", "Dmitry Rogozin", "RUS", ["AZE", "ARM"]),
        ("Greece signed a contract to buy 18 Rafale fighter jets from France. Greek Prime Minister Kyriakos "
         "Mitsotakis said the jets would form a new squadron.", "Kyriakos Mitsotakis", "FRA", ["GRC"]),
        ("Germany has stopped arms exports to Turkey. Norway's Foreign Minister Ine Eriksen Soreide said her "
         "ministry would not process new applications to export defence material to Turkey.",
         "Ine Eriksen Soreide", "NOR", ["TUR"]),
        ("Russia has delivered 36 T-90S tanks to Iraq. Iraqi army chief of staff Lieutenant General Othman "
         "al-Ghanimi said the other 37 tanks would arrive in April.", "Othman al-Ghanimi", "RUS", ["IRQ"]),
        # permitting is not supplying
        ("Russia will deliver Su-35 fighter jets to Iran.\n\nIsraeli Prime Minister Benjamin Netanyahu said "
         "Israel would not allow Iran to obtain advanced weapons.", "Benjamin Netanyahu", "RUS", ["IRN"]),
        # supplies "to countries in Asia" name no recipient
        ("Russia will keep supplying arms.\n\nDirector General of Rosoboronexport Alexander Mikheyev said the "
         "contracts cover deliveries of weapons to countries in Asia and Africa.", "Alexander Mikheyev", "RUS", []),
        # a named system's maker is the supplier ("join the F-35 programme")
        ("Greece signed a contract to buy 18 Rafale fighter jets from France.\n\nGreek Prime Minister Kyriakos "
         "Mitsotakis said Greece wanted to join the F-35 programme.", "Kyriakos Mitsotakis", "USA", ["GRC"]),
        # a delegation from a state discussing purchases is the buyer
        ("Russia exports Su-35 fighters.\n\nThe press service of the Federal Service for Military-Technical "
         "Cooperation said a delegation from Egypt had discussed purchases of Su-35 fighters.",
         "Federal Service for Military-Technical Cooperation", "RUS", ["EGY"]),
    ],
)
def test_roles(nlp, text, speaker, supplier, recipients):
    got = [s for s in _statements(nlp, text) if s.speaker == speaker]
    assert got, f"no statement by {speaker}"
    assert got[0].supplier == supplier
    assert sorted(got[0].recipients) == sorted(recipients)


def test_evidence_points_into_the_text(nlp):
    text = ("Russia will supply S-300 systems to Syria within two weeks, Russian Defence Minister Sergei Shoigu "
            "said. \u201cToday the situation is different, and that is not Russia's doing,\u201d he stressed.")
    statements = _statements(nlp, text)
    assert statements
    for s in statements:
        assert text[s.start:s.end] == s.evidence
        assert 0.0 <= s.confidence <= 1.0
    assert any(s.direct_quote and s.evidence.startswith("Today") and s.evidence.endswith("doing")
               for s in statements)


def test_same_text_same_records(nlp):
    text = LEAD + "Russian Defence Minister Sergei Shoigu said that Moscow would deliver the systems soon."
    assert _statements(nlp, text) == _statements(nlp, text)


@pytest.mark.parametrize("text", ["", " ", "\"", "\u201c unclosed quote about missiles", "said said said.",
                                  "\"\" he said.", "According to", "x" * 50])
def test_odd_input_never_raises(nlp, text):
    doc = nlp(text)
    assert isinstance(extract_statements(doc, [], []), list)
    assert isinstance(extract_statements(doc, None, None), list)


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ('He said "one" and "two".', ["one", "two"]),
        ("\u201cCurly,\u201d she said.", ["Curly"]),
        ('"Open to the end of the paragraph\nNext paragraph.', ["Open to the end of the paragraph"]),
        ("No quotes here.", []),
    ],
)
def test_find_quotes(text, contents):
    assert [text[q.content_start:q.content_end] for q in find_quotes(text)] == contents


def test_a_statement_on_sales_to_a_region_names_the_region_not_the_state_claiming_it():
    from workers.parser import parse_article

    result = parse_article("Spokesperson Lin Jian said China firmly opposes U.S. arms sales to China's Taiwan region.",
                           content_type="text/plain")
    assert [(s.supplier, s.recipients) for s in result.statements] == [("USA", ["TWN"])]
