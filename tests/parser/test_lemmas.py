"""The cached lemmatizer sets exactly the stock lemmatizer's lemmas."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from workers.parser.text.lemmas import CachedLemmatizer, use_cached_lemmatizer
from workers.parser.text.nlp import MODEL

# Our own text: plurals, verb forms, comparatives, proper nouns, contractions
# (lemmas the attribute ruler sets first), numbers, symbols and line breaks.
TEXT = (
    "Russia's defence ministers said the better-armed brigades were receiving 12 Su-30SM jets "
    "and had already delivered older tanks; they're flying.\n\n"
    "\u201cWe won't stop,\u201d the ministry said. The U.S. criticised the deals, calling them "
    "the worst since the 1990s. Ukraine's forces are using drones bought from Turkey's Baykar.\n"
    "Lemmas of lemmas: geese, mice, children, went, gone, bigger, biggest, running, ran."
)


@pytest.fixture(scope="module")
def pair() -> tuple[Language, Language]:
    stock = spacy.load(MODEL)
    cached = spacy.load(MODEL)
    use_cached_lemmatizer(cached)
    return stock, cached


def _lemmas(doc) -> list[tuple[str, int, str]]:
    return [(t.text, t.lemma, t.lemma_) for t in doc]


def test_the_cached_lemmatizer_replaces_the_stock_one(pair):
    stock, cached = pair
    lemmatizer = cached.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, CachedLemmatizer)
    assert cached.pipe_names == stock.pipe_names
    assert lemmatizer.mode == stock.get_pipe("lemmatizer").mode == "rule"


def test_the_cached_lemmatizer_sets_the_stock_lemmas(pair):
    stock, cached = pair
    # Twice: the first pass fills the cache, the second reads from it.
    for _ in range(2):
        assert _lemmas(cached(TEXT)) == _lemmas(stock(TEXT))
    assert {"mouse", "child", "go", "big", "run", "be"} <= {t.lemma_ for t in cached(TEXT)}


def test_a_lemma_already_set_is_kept(pair):
    _stock, cached = pair
    doc = cached.make_doc("They're running")
    for name, proc in cached.pipeline:
        if name == "lemmatizer":
            break
        doc = proc(doc)
    doc[2].lemma_ = "kept"
    assert [t.lemma_ for t in cached.get_pipe("lemmatizer")(doc)][2] == "kept"


def test_an_empty_doc_passes(pair):
    _stock, cached = pair
    assert len(cached("")) == 0


def test_the_cache_is_bounded(pair, monkeypatch):
    stock, cached = pair
    lemmatizer = cached.get_pipe("lemmatizer")
    monkeypatch.setattr(CachedLemmatizer, "MAX_ENTRIES", 5)
    lemmatizer._lemmas.clear()
    assert _lemmas(cached(TEXT)) == _lemmas(stock(TEXT))
    assert 0 < len(lemmatizer._lemmas) <= 5
