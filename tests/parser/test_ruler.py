"""The lookup attribute ruler gives exactly the stock ruler's annotations, and an
article read in pieces is annotated as one Doc."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import numpy
from spacy.tokens import Doc

from workers.parser import pipeline
from workers.parser.text.nlp import MODEL, doc_text
from workers.parser.text.ruler import LookupAttributeRuler, use_lookup_ruler

# Our own text, with the forms the stock rules single out: contractions,
# "gonna", "let's", possessives, symbols, numbers, abbreviations, quotes, dashes.
TEXT = (
    "MOSCOW, March 3. /TASS/. Russia's deputy defence minister said on Friday that "
    "Moscow \u201cwon't stop\u201d supplying S-300 systems to Armenia, and it ain't gonna change.\n\n"
    "\u201cLet's be clear,\u201d he told reporters. \"We've delivered 12 Su-30SM jets; they're "
    "already flying.\" The U.S. and the EU criticised the deal \u2014 worth $1.2bn (about 5% of "
    "the budget) \u2014 as destabilising. I'd say y'all can't wanna gotta dunno.\n"
    "Azerbaijan's Ilham Aliyev, e.g., bought T-90S tanks in the 1990s; #arms @tass :) ..."
)
ATTRS = ("pos_", "tag_", "lemma_", "morph", "norm_", "dep_")


@pytest.fixture(scope="module")
def pair() -> tuple[Language, Language]:
    stock = spacy.load(MODEL)
    lookup = spacy.load(MODEL)
    use_lookup_ruler(lookup)
    return stock, lookup


def _annotations(doc) -> list[tuple]:
    return [tuple(str(getattr(t, a)) for a in ATTRS) for t in doc]


def test_the_lookup_ruler_replaces_the_stock_one_with_all_its_rules(pair):
    stock, lookup = pair
    ruler = lookup.get_pipe("attribute_ruler")
    assert isinstance(ruler, LookupAttributeRuler)
    assert lookup.pipe_names == stock.pipe_names
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    # Every rule of the model is looked up, the two-token ones too.
    assert len(ruler._one_token) > 100 and len(ruler._other) == 0 and ruler._multi


def test_the_lookup_ruler_annotates_exactly_as_the_stock_one(pair):
    stock, lookup = pair
    # Twice: the first pass fills the table, the second reads from it.
    for _ in range(2):
        assert _annotations(lookup(TEXT)) == _annotations(stock(TEXT))


# Rules the model does not have: a two-token rule and a later one-token rule on
# the same token (the later wins), rules the lookup cannot take (an operator, an
# attribute outside the key, a target counted from the end), and a field that
# is not a column of the token alone (NORM).
EXTRA = [
    {"patterns": [[{"LOWER": "deal"}, {"LOWER": "worth"}]], "attrs": {"LEMMA": "dealworth", "TAG": "NN"}, "index": 1},
    {"patterns": [[{"LOWER": "worth"}]], "attrs": {"TAG": "XX", "POS": "X"}},
    {"patterns": [[{"LOWER": "the", "OP": "+"}]], "attrs": {"LEMMA": "thethe"}},
    {"patterns": [[{"LOWER": "budget"}, {"IS_PUNCT": True}]], "attrs": {"LEMMA": "budgetpunct"}, "index": -2},
    {"patterns": [[{"TAG": "NNS"}, {"LOWER": "in"}], [{"LOWER": "tanks"}]], "attrs": {"MORPH": "Number=Plur"}},
]


@pytest.mark.parametrize("extra", [EXTRA, EXTRA + [{"patterns": [[{"LOWER": "tanks"}]], "attrs": {"NORM": "tank"}}]])
def test_rules_of_several_tokens_and_unkeyed_rules_annotate_as_the_stock_ruler(extra):
    stock = spacy.load(MODEL)
    lookup = spacy.load(MODEL)
    use_lookup_ruler(lookup)
    stock.get_pipe("attribute_ruler").add_patterns(extra)
    lookup.get_pipe("attribute_ruler").add_patterns(extra)
    ruler = lookup.get_pipe("attribute_ruler")
    assert len(ruler._other) == 2
    text = TEXT + " The deal worth $2bn of the budget. Tanks in Armenia; 30 tanks."
    for _ in range(2):
        ours, theirs = lookup(text), stock(text)
        assert _annotations(ours) == _annotations(theirs)
        assert ruler.match(ours) == stock.get_pipe("attribute_ruler").match(theirs)
    assert "dealworth" in [t.lemma_ for t in ours] and "thethe" in [t.lemma_ for t in ours]


def test_the_lookup_table_is_bounded(pair, monkeypatch):
    _stock, lookup = pair
    ruler = lookup.get_pipe("attribute_ruler")
    monkeypatch.setattr(LookupAttributeRuler, "MAX_ENTRIES", 5)
    ruler._table.clear()
    lookup(TEXT)
    assert 0 < len(ruler._table) <= 5


@pytest.mark.parametrize("size", [1, 40, 200, 10_000])
def test_pieces_join_back_into_the_text_and_break_only_after_newlines(monkeypatch, size):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", size)
    pieces = pipeline._pieces(TEXT)
    assert "".join(pieces) == TEXT
    assert all(p.endswith("\n") for p in pieces[:-1])
    # Longer than the size only when one line (with its blank lines) is.
    assert all(len(p) <= size or "\n" not in p.rstrip("\n") for p in pieces)


def test_pieces_of_an_empty_text():
    assert pipeline._pieces("") == [""]


def test_an_article_read_in_pieces_is_one_doc_with_the_same_text(monkeypatch, nlp):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 100)
    doc = next(pipeline._docs([TEXT]))
    assert doc.text == TEXT == doc_text(doc)
    assert [t.text for t in doc] == [t.text for t in nlp(TEXT)]
    # Every piece starts a sentence, as the paragraph breaks do in a whole Doc.
    starts = {s.start_char for s in doc.sents}
    offset = 0
    for piece in pipeline._pieces(TEXT):
        if piece.strip() and offset:
            first = offset + (len(piece) - len(piece.lstrip()))
            assert first in starts
        offset += len(piece)


def test_parse_article_and_parse_many_agree_whatever_the_piece_size(monkeypatch):
    text = TEXT.replace("#arms @tass :) ...", "")
    many = pipeline.parse_many([text, text + "\nIran bought drones from Russia.\n"])
    one = pipeline.parse_article(text)
    assert many[0].to_dict() == one.to_dict()
    assert {(t.supplier, t.recipient) for t in one.transfers} >= {("RUS", "ARM")}


def test_pieces_join_as_spacy_joins_them(monkeypatch, nlp):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 100)
    parts = list(nlp.pipe(pipeline._pieces(TEXT)))
    ours, theirs = pipeline._joined(parts), Doc.from_docs(parts, ensure_whitespace=False)
    attrs = list(Doc._get_array_attrs())
    assert ours.text == theirs.text == TEXT
    assert (ours.to_array(attrs) == theirs.to_array(attrs)).all()
    assert numpy.array_equal(ours.tensor, theirs.tensor)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
    assert [(s.start, s.end) for s in ours.sents] == [(s.start, s.end) for s in theirs.sents]
    assert [[c.i for c in t.children] for t in ours] == [[c.i for c in t.children] for t in theirs]


def test_a_line_break_starts_a_sentence_and_the_break_starts_none(nlp):
    doc = nlp("Russia delivered tanks\nto Armenia on Monday.\n\nIran bought drones")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:3] == ["Russia", "to", "Iran"]
    assert not any(t.is_sent_start for t in doc if t.is_space)
