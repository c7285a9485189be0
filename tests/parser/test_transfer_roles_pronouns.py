"""What "it" and "its" stand for in a supply report (``transfers.roles.resolve_pronoun``)."""

from __future__ import annotations

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


def test_an_object_pronoun_is_not_its_own_clauses_subject():
    text = "The embargo has not stopped China from acquiring advanced weaponry. Russia has sold it Sukhoi fighters."
    assert ("RUS", "CHN") in _pairs(text)


def test_it_without_a_party_in_the_subject_before_is_the_one_party_named_before():
    text = ("Maduro insisted that nothing prevents Venezuela from buying weapons. "
            "Russia has sold it Sukhoi fighters.")
    assert ("RUS", "VEN") in _pairs(text)


def test_it_after_a_sentence_naming_several_parties_stays_unresolved():
    text = ("The embargo has not stopped China or Iran from acquiring weapons. "
            "Russia has sold it Sukhoi fighters.")
    assert not {p for p in _pairs(text) if p[0] == "RUS"}
