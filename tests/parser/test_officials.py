"""Officials: titles before and after names, counterparts, plural titles, who is
left out, and the resolver that maps later mentions to the full name."""

from __future__ import annotations

import pytest

from workers.parser.catalogue.actors import find_actors
from workers.parser.people.countries import dateline_country
from workers.parser.people.officials import build_resolver, extract_officials


def _officials(nlp, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    doc = nlp(text)
    return {o.name: (o.title, o.organization, o.country) for o in extract_officials(doc)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before the name, with the country as a demonym or a possessive
        ("Russian Deputy Prime Minister Dmitry Rogozin said the talks went well.",
         {"Dmitry Rogozin": ("Deputy Prime Minister", None, "RUS")}),
        ("Turkey's Foreign Minister Mevlut Cavusoglu met his hosts on Tuesday.",
         {"Mevlut Cavusoglu": ("Foreign Minister", None, "TUR")}),
        ("The visit was hosted by French Armed Forces Minister Florence Parly in Paris.",
         {"Florence Parly": ("Armed Forces Minister", "Armed Forces", "FRA")}),
        # an office with its body, and a rank after the office
        ("Moscow will help, Director of the Russian Federal Service for Military-Technical Cooperation (FSMTC) "
         "Alexander Fomin said.",
         {"Alexander Fomin": ("Director", "Federal Service for Military-Technical Cooperation", "RUS")}),
        ("The tanks arrived, Chief of Staff of the Iraqi Army Lieutenant General Othman al-Ghanimi said.",
         {"Othman al-Ghanimi": ("Chief of Staff", "Iraqi Army", "IRQ")}),
        # appositions after the name
        ("Alexander Mikheyev, the head of Rosoboronexport, spoke at the show.",
         {"Alexander Mikheyev": ("head", "Rosoboronexport", "RUS")}),
        ("Roman Babushkin, deputy chief of mission at the Russian embassy in New Delhi, told reporters about it.",
         {"Roman Babushkin": ("deputy chief of mission", "Russian embassy in New Delhi", "RUS")}),
        ("Lt. Gen. Abdul Amir Yarallah, Iraqi Army chief of staff, visited the base.",
         {"Abdul Amir Yarallah": ("Army chief of staff", "Army", "IRQ")}),
        ("Minister of Defence Ben Wallace spoke.", {"Ben Wallace": ("Minister of Defence", None, None)}),
        # former and then- are not part of the title
        ("The plan was drafted under former President Barack Obama.", {"Barack Obama": ("President", None, None)}),
        ("Athens told then-U.S. President Donald Trump about the plan.", {"Donald Trump": ("President", None, "USA")}),
        # an office before a rank, across a comma
        ("He handed them to Bangladesh's navy chief, Admiral Mohammad Nizamuddin Ahmed, in Dalian.",
         {"Mohammad Nizamuddin Ahmed": ("navy chief", None, "BGD")}),
        # the small model tags this name as an organisation; the title finds it
        ("Chancellor Olaf Scholz pledged the system in a speech.", {"Olaf Scholz": ("Chancellor", None, None)}),
        # initials, a posting after "to", an office before the comma
        ("Indian Air Force chief Air Chief Marshal R.K.S. Bhadauria said the jets had arrived.",
         {"R.K.S. Bhadauria": ("Air Force chief", "Air Force", "IND")}),
        ("French Ambassador to India Emmanuel Lenain said the programme was on track.",
         {"Emmanuel Lenain": ("Ambassador to India", None, "FRA")}),
        ("The head of Russia's Federal Service for Military-Technical Cooperation, Dmitry Shugaev, spoke.",
         {"Dmitry Shugaev": ("head", "Federal Service for Military-Technical Cooperation", "RUS")}),
        # "bin" names are not grouped by their last word: King Salman is another person
        ("Saudi Crown Prince Mohammed bin Salman met the envoy. Later, King Salman met him too.",
         {"Mohammed bin Salman": ("Crown Prince", None, "SAU"), "Salman": ("King", None, None)}),
        # a company's name is not part of the title (a state-owned one: the
        # executives of private makers are no officials, test_official_private.py)
        ("Rostec CEO Sergei Chemezov said the company was honoured.",
         {"Sergei Chemezov": ("CEO", None, "RUS")}),
        # abbreviated ranks, split or not by the tokenizer, never hide the office
        ("Houthi military spokesman Brig. Gen. Yahya Saree said the drones hit the ship.",
         {"Yahya Saree": ("Houthi military spokesman", None, None)}),
        ("Israeli army spokesman Lt. Col. Jonathan Conricus said the strike hit a depot.",
         {"Jonathan Conricus": ("army spokesman", None, "ISR")}),
        ("Sen. Lindsey Graham urged the administration to send F-16s.", {"Lindsey Graham": ("Sen.", None, None)}),
        # the office after a possessive is the person's own
        ("Ukrainian President Volodymyr Zelenskiy's chief of staff, Andriy Yermak, said the tanks had arrived.",
         {"Volodymyr Zelenskiy": ("President", None, "UKR"), "Andriy Yermak": ("chief of staff", None, "UKR")}),
        ("NATO Secretary-General Jens Stoltenberg said allies would send more weapons.",
         {"Jens Stoltenberg": ("NATO Secretary-General", None, None)}),
        # people without an office, and people whose role is not official
        ("By Katrin Albers\n\nThe deal was signed on Monday.", {}),
        ("John Smith, an analyst at the International Institute for Strategic Studies, said the deal was large.", {}),
        ("Sipri researcher Pieter Wezeman said exports had grown.", {}),
        ("\"The numbers are growing,\" said Siemon Wezeman, a senior researcher at SIPRI.", {}),
        ("Defence analyst Konrad Muzyka said the deliveries were slow.", {}),
        ("According to Michael Kofman, director of Russia studies at CNA, the tanks matter.", {}),
        ("Der Spiegel reported that the system had arrived.", {}),
    ],
)
def test_titles(nlp, text, expected):
    got = _officials(nlp, text)
    assert {name: got.get(name) for name in expected} == expected
    assert set(got) == set(expected)


def test_counterpart_takes_the_title_before_it(nlp):
    text = ("On April 5, Azerbaijan's Chief of Staff Nadjmeddin Sadykov and his Armenian counterpart "
            "Yuri Khachaturov met in Moscow.")
    got = _officials(nlp, text)
    assert got["Nadjmeddin Sadykov"] == ("Chief of Staff", None, "AZE")
    assert got["Yuri Khachaturov"] == ("Chief of Staff", None, "ARM")


def test_plural_title_is_shared_out_in_order(nlp):
    text = ("On May 16, the presidents of Armenia and Azerbaijan met in Vienna. Serzh Sargsyan and "
            "Ilkham Aliyev agreed to meet again.")
    got = _officials(nlp, text)
    assert got["Serzh Sargsyan"][::2] == ("President", "ARM")
    assert got["Ilkham Aliyev"][::2] == ("President", "AZE")


def test_one_record_per_person_with_aliases(nlp):
    text = ("Russian Defence Minister Sergei Shoigu announced the delivery on Monday. "
            "Shoigu said the systems were ready. Later, Shoigu left.")
    doc = nlp(text)
    officials = extract_officials(doc)
    assert [o.name for o in officials] == ["Sergei Shoigu"]
    assert officials[0].aliases == ["Shoigu"]
    assert text[officials[0].start:officials[0].end] == "Sergei Shoigu"


def test_surname_in_headline_then_full_name(nlp):
    text = "Russia to hand Syria S-300 systems — Shoigu\n\nRussian Defence Minister Sergei Shoigu said so."
    got = _officials(nlp, text)
    assert list(got) == ["Sergei Shoigu"]


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Fomin", "Alexander Fomin"),
        ("the minister", "Sergei Lavrov"),
        ("the Russian minister", "Sergei Lavrov"),
        ("the director", "Alexander Fomin"),
        ("the ambassador", None),
    ],
)
def test_resolver_maps_later_mentions(nlp, mention, expected):
    text = ("Director of the Federal Service Alexander Fomin and Russian Foreign Minister Sergei Lavrov spoke. "
            "Then they left.")
    doc = nlp(text)
    resolver = build_resolver(doc)
    end = len(text)
    got = resolver.by_name(mention) if mention[0].isupper() else resolver.by_title(mention, end)
    assert got == expected


def test_pronoun_goes_to_the_last_person(nlp):
    text = "President Andrzej Duda spoke first. He said the jets were needed."
    doc = nlp(text)
    resolver = build_resolver(doc)
    assert resolver.last_before(text.index("He said")) == "Andrzej Duda"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("All news\n19 Jul 2016\n\nMOSCOW, July 19. /TASS/. Russia is committed.", "RUS"),
        ("NEW DELHI (Reuters) - BrahMos Aerospace plans exports.", "IND"),
        ("DHAKA, Bangladesh (AP) \u2014 China on Monday handed over two submarines.", "BGD"),
        ("No dateline here at all.", None),
    ],
)
def test_dateline_country(text, expected):
    assert dateline_country(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u201c\u201d", "President", "A. B. C.", "Minister of"])
def test_odd_input_never_raises(nlp, text):
    doc = nlp(text)
    assert isinstance(extract_officials(doc), list)
