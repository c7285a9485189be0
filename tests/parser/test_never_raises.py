"""The parser never raises on any text: it returns an extraction or a ``ParseError``.

``ParseError`` is the one deliberate refusal (no usable text); the task records
it on the article as a failure with its reason. Anything else escaping
``parse_article`` would be a parser bug, so Hypothesis feeds it arbitrary
Unicode and arbitrary HTML fragments, and a few fixed hostile inputs follow.
Every offset returned must index the clean text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workers.parser import Extraction, ParseError, parse_article

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parses_or_refuses(text: str, content_type: str | None) -> Extraction | None:
    try:
        extraction = parse_article(text, content_type=content_type)
    except ParseError as exc:
        assert str(exc)  # the reason the article will carry
        return None
    assert isinstance(extraction, Extraction)
    clean = extraction.clean_text
    for record in [*extraction.transfers, *extraction.statements]:
        assert 0 <= record.start <= record.end <= len(clean)
        assert clean[record.start:record.end] == record.evidence
    for official in extraction.officials:
        assert 0 <= official.start <= official.end <= len(clean)
    return extraction


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_unicode_as_plain_text(text):
    _parses_or_refuses(text, "text/plain")


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_unicode_sniffed(text):
    _parses_or_refuses(text, None)


NEWS_WORDS = st.sampled_from([
    "Russia", "will", "supply", "S-400", "systems", "to", "India", ",", ".", "said", "the", "Defence", "Minister",
    "Sergei", "Shoigu", "\u201c", "\u201d", '"', "Ukraine", "received", "tanks", "from", "Germany", "\n", "\n\n",
    "MOSCOW", "(Reuters)", "-", "\u2014", "&amp;", "&lt;", "&#x27;", "&nbsp;", "\u200b", "\u202e", "\U0001f680",
])
TAGS = st.sampled_from([
    "p", "div", "span", "b", "i", "a", "h1", "h2", "title", "head", "body", "html", "script", "style", "iframe",
    "svg", "math", "table", "tr", "td", "ul", "li", "nav", "footer", "article", "section", "noscript", "template",
    "br", "img", "meta", "time", "!--", "![CDATA[",
])
ATTRS = st.sampled_from([
    "", ' onclick="alert(1)"', " onerror=alert(1)", ' src="javascript:alert(1)"', ' href="http://127.0.0.1:9/x"',
    ' class="article-body"', ' property="og:title" content="Tanks"', ' datetime="2021-05-03"', " x=\"'\"",
    ' style="display:none"', " data-x=&quot;",
])


@st.composite
def html_fragments(draw) -> str:
    """Tag soup: open and close tags in any order, attributes, entities and words."""
    pieces = draw(st.lists(
        st.one_of(
            st.builds(lambda t, a: f"<{t}{a}>", TAGS, ATTRS),
            st.builds(lambda t: f"</{t}>", TAGS),
            st.lists(NEWS_WORDS, max_size=12).map(" ".join),
            st.text(max_size=20),
        ),
        max_size=60,
    ))
    return "".join(pieces)


@SETTINGS
@given(html_fragments())
def test_arbitrary_html_fragments(html):
    _parses_or_refuses(html, "text/html")


@SETTINGS
@given(html_fragments())
def test_arbitrary_html_fragments_in_a_page(html):
    _parses_or_refuses(f"<!doctype html><html><head><title>T</title></head><body>{html}</body></html>", None)


SENTENCE = "Russia will supply T-90 tanks to India, the Defence Ministry said on Tuesday."


def test_html_nested_ten_thousand_deep():
    html = "<div>" * 10_000 + SENTENCE + "</div>" * 10_000
    _parses_or_refuses(html, "text/html")


def test_unclosed_tags_ten_thousand_deep():
    _parses_or_refuses("<b><i><span>" * 3_400 + SENTENCE, "text/html")


def test_one_five_million_character_line():
    _parses_or_refuses("x" * 5_000_000, "text/plain")


def test_several_sections_on_one_line():
    # No line break in 150,000 characters: cut into sections and pieces at spaces.
    extraction = _parses_or_refuses(SENTENCE + " " + "word " * 30_000 + SENTENCE, "text/plain")
    assert [(t.supplier, t.recipient) for t in extraction.transfers] == [("RUS", "IND")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "12 345 -- 678 !!! ... ###",
        "\u200b\u200b\u200b",
        "\U0001f680" * 500,
        "\u202eRussia will supply tanks.\u202c",
        "\x01\x02\x03\x0b\x0c" * 50,
        "a" * 100_000,
        "Russia.",
        ".\n" * 2000,
        '"' * 1000,
        "\u201c" * 600 + "said" + "\u201d" * 600,
        "Mr. " * 5000,
    ],
    ids=["empty", "whitespace", "no-words", "zero-width", "emoji", "bidi", "controls", "one-long-word",
         "one-word-sentence", "many-empty-sentences", "quotes", "curly-quotes", "titles"],
)
def test_odd_plain_text(text):
    _parses_or_refuses(text, "text/plain")


def test_a_text_with_no_sentence_is_refused_with_a_reason():
    with pytest.raises(ParseError):
        parse_article("--- *** ---\n\n...", content_type="text/plain")


HOSTILE = (
    "<!doctype html><html><head><title>Tanks for India</title>"
    "<script>var secret = 'SCRIPT-BODY'; document.write('<p>INJECTED</p>')</script>"
    "<style>p { color: red } /* STYLE-BODY */</style></head>"
    "<body onload=\"alert('ONLOAD')\"><iframe src=\"javascript:alert('IFRAME')\">IFRAME-BODY</iframe>"
    f"<article><h1>Tanks for India</h1><p onclick=\"alert('CLICK')\">{SENTENCE}</p></article>"
    "<img src=x onerror=\"alert('ONERROR')\"><noscript>NOSCRIPT-BODY</noscript></body></html>"
)


def test_scripts_styles_and_handlers_never_reach_the_clean_text():
    extraction = _parses_or_refuses(HOSTILE, "text/html")
    assert extraction is not None
    assert "Russia will supply T-90 tanks to India" in extraction.clean_text
    for marker in ("SCRIPT-BODY", "INJECTED", "STYLE-BODY", "ONLOAD", "IFRAME", "CLICK", "ONERROR", "alert("):
        assert marker not in extraction.clean_text
