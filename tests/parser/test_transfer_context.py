"""Sides of a supply report that the story around the sentence decides
(``transfers.context``)."""

from __future__ import annotations

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


BELARUS_EXPORTS = (
    "Belarus sold 12 Su-30 fighters to Vietnam in 2015, the export agency said.\n\n"
    "Belarus also delivered radar systems to Serbia last year.\n\n"
    "Angola bought 40 T-72 tanks in 2016 and received them a year later."
)


def test_a_soviet_era_design_sold_in_a_story_about_another_exporter_is_that_exporters():
    pairs = _pairs(BELARUS_EXPORTS)
    assert ("BLR", "AGO") in pairs
    assert ("RUS", "AGO") not in pairs


def test_a_soviet_era_design_with_its_designer_the_story_supplier_stays_his():
    text = ("Russia delivered 20 Su-35 fighters to Egypt last year, Rosoboronexport said.\n\n"
            "Angola bought 40 T-72 tanks in 2016.")
    assert ("RUS", "AGO") in _pairs(text)


def test_a_design_only_its_maker_sells_keeps_its_maker():
    text = ("Belarus sold 12 radar systems to Vietnam in 2015, the export agency said.\n\n"
            "Greece signed a deal for 18 Rafale fighters.")
    assert ("FRA", "GRC") in _pairs(text)
