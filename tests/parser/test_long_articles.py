"""Long articles are read whole, in sections, with offsets into the whole text;
pages are read without doubled paragraphs."""

from __future__ import annotations

import pytest

from workers.parser import parse_article, parse_many
from workers.parser.pipeline import SECTION_CHARS, sections
from workers.parser.text.reading import read_input

FILLER = "The weather in the capital was mild and the markets were calm on the day."
LATE = "Russia has delivered S-400 missile systems to India, Defence Minister Sergei Shoigu said."


def _filler(chars: int) -> str:
    paras = []
    while sum(len(p) + 2 for p in paras) < chars:
        paras.append(f"Paragraph {len(paras)}: {FILLER}")
    return "\n\n".join(paras)


def _long_article(late_at: int) -> str:
    head = "Germany sold Leopard tanks to Qatar, officials said.\n\n"
    return head + _filler(late_at - len(head)) + "\n\n" + LATE + "\n\n" + _filler(5000) + "\n"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("", 10),
        ("short", 10),
        ("one two three four five six seven", 10),  # cut at spaces
        ("aaaa\n\nbbbb\ncccc dddd\n\neeee", 12),  # blank lines first
        ("x" * 95, 10),  # no break at all: cut at the window's end
    ],
)
def test_sections_join_back_to_the_text(text, size):
    parts = sections(text, size)
    assert "".join(p for _o, p in parts) == text
    assert all(len(p) <= size for _o, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)


def test_sections_prefer_a_paragraph_break():
    text = "a" * 40 + "\n\n" + "b" * 20 + " " + "c" * 30
    assert [p for _o, p in sections(text, 70)] == ["a" * 40 + "\n\n", "b" * 20 + " " + "c" * 30]


def test_a_transfer_past_the_first_section_is_found_with_its_offsets():
    text = _long_article(late_at=65_000)
    assert len(text) > SECTION_CHARS + 15_000
    extraction = parse_article(text, content_type="text/plain")
    pairs = {(t.supplier, t.recipient): t for t in extraction.transfers}
    assert set(pairs) == {("DEU", "QAT"), ("RUS", "IND")}
    late = pairs[("RUS", "IND")]
    assert late.start == text.index(LATE)
    assert text[late.start:late.end] == late.evidence
    (shoigu,) = [o for o in extraction.officials if o.name == "Sergei Shoigu"]
    assert text[shoigu.start:shoigu.end] == "Sergei Shoigu"
    assert [s.speaker for s in extraction.statements] == ["Sergei Shoigu"]
    assert {a.code for a in extraction.actors} == {"DEU", "QAT", "RUS", "IND"}


def test_a_pair_reported_in_two_sections_is_one_row_and_officials_are_merged():
    text = LATE + "\n\n" + _filler(SECTION_CHARS) + "\n\n" + LATE.replace("Defence Minister Sergei ", "") + "\n"
    extraction = parse_article(text, content_type="text/plain")
    assert [(t.supplier, t.recipient, t.start) for t in extraction.transfers] == [("RUS", "IND", 0)]
    assert [o.name for o in extraction.officials] == ["Sergei Shoigu"]


def test_parse_many_reads_long_and_short_articles_alike():
    long_text, short = _long_article(late_at=60_000), "Germany sold Leopard tanks to Qatar."
    many = parse_many([short, long_text, short], content_type="text/plain")
    assert [m.to_dict() for m in many] == [parse_article(t).to_dict() for t in (short, long_text, short)]


@pytest.mark.parametrize(
    ("page", "paragraph"),
    [
        (
            "<html><head><title>Jets for Iran</title></head><body><article><p>Russia will supply Su-35 jets"
            " to Iran, Deputy Minister Ivan Petrov said.</p></article></body></html>",
            "Russia will supply Su-35 jets to Iran, Deputy Minister Ivan Petrov said.",
        ),
        (
            "<html><body><main><article><p>Germany approved the sale of tanks to Qatar, its spokesman"
            " Hans Weber said.</p></article></main><footer>About us</footer></body></html>",
            "Germany approved the sale of tanks to Qatar, its spokesman Hans Weber said.",
        ),
    ],
)
def test_a_one_paragraph_article_is_read_once(page, paragraph):
    clean, _meta = read_input(page, "text/html")
    assert clean.count(paragraph) == 1
    extraction = parse_article(page, content_type="text/html")
    assert len([s for s in extraction.statements if s.evidence in paragraph]) <= 1


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["First point made here today.", "A second, other paragraph."],
        ["First point made here today.", "A second, other paragraph.", "First point made here today."],
    ],
)
def test_a_short_article_is_read_once_and_its_own_repeats_kept(paragraphs):
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    clean, _meta = read_input(page, "text/html")
    assert clean.split("\n\n") == paragraphs
