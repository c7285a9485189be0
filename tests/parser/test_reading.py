"""Reading input: HTML detection, clean article text, and the errors."""

from __future__ import annotations

import pytest

from workers.parser.errors import ParseError
from workers.parser.text.reading import looks_like_html, read_input

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Chile buys frigates | Pacific Defence Review</title>
<meta property="og:site_name" content="Pacific Defence Review">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies to continue.</p></div>
<nav><a href="/">Home</a> <a href="/defence">Defence</a></nav>
<article>
<h1>Chile buys two frigates from Australia</h1>
<p class="byline">By Staff | <time datetime="2020-02-02">2 February 2020</time></p>
<p>SANTIAGO &mdash; Chile has agreed to buy two Adelaide-class frigates from Australia, the navy said on Sunday, in a deal worth about $100 million.</p>
<p>The ships will be handed over next year after a refit in Sydney, and Chilean crews will train on them during the summer months.</p>
</article>
<aside><h2>Most read</h2><ul><li>Ferry strike continues</li></ul></aside>
<footer><p>&copy; 2020 Pacific Defence Review. All rights reserved.</p></footer>
</body></html>"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (PAGE, True),
        ("<html><body><p>One</p><p>Two</p></body></html>", True),
        ("<p>First paragraph.</p>\n<p>Second paragraph.</p>", True),
        ("Russia said the <b> tag is not a page.", False),
        ("MOSCOW, July 19. /TASS/. Plain wire copy.", False),
    ],
)
def test_looks_like_html(raw: str, expected: bool) -> None:
    assert looks_like_html(raw) is expected


def test_plain_text_is_returned_unchanged() -> None:
    raw = "Title line\n\nBERLIN (Reuters) - Germany sent tanks.  \r\n"
    text, _meta = read_input(raw, None)
    assert text == raw
    text, _meta = read_input(raw, "text/plain")
    assert text == raw


def test_html_gives_headline_and_paragraphs_without_page_furniture() -> None:
    text, meta = read_input(PAGE, None)
    assert text.startswith("Chile buys two frigates from Australia\n\n")
    assert "SANTIAGO — Chile has agreed to buy two Adelaide-class frigates from Australia" in text
    # paragraphs are separated by a blank line
    assert "million.\n\nThe ships will be handed over" in text
    for furniture in ("cookies", "Home", "Most read", "All rights reserved", "Ferry strike"):
        assert furniture not in text
    assert meta.title == "Chile buys two frigates from Australia"
    assert meta.source == "Pacific Defence Review"
    assert meta.dateline == "SANTIAGO"
    assert meta.published is not None and meta.published.isoformat() == "2020-02-02"


def test_content_type_decides_over_sniffing() -> None:
    text, _meta = read_input("<p>Kept as text.</p><p>Really.</p>", "text/plain")
    assert text == "<p>Kept as text.</p><p>Really.</p>"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t"])
def test_empty_input_is_a_parse_error(raw: str) -> None:
    with pytest.raises(ParseError):
        read_input(raw, None)


def test_html_without_text_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        read_input("<html><head><title></title></head><body><script>var x = 1;</script></body></html>", "text/html")


def test_a_lead_paragraph_before_line_breaks_is_kept() -> None:
    # Paragraphs separated by <br><br> inside one div: the first is the div's own
    # text, which trafilatura alone drops once the div also holds a block (here a
    # pull quote).
    page = (
        "<!doctype html><html><head><title>Norway orders tanks</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='story'><h1>Norway orders tanks</h1>"
        "<div class='story-body'>"
        "Norway has signed a contract with Germany for 54 Leopard 2A7 tanks, the defence ministry "
        "in Oslo said on Friday, ending a long contest between two European makers.<br><br>"
        "The first vehicles are due in 2026, and the army plans to retire its older tanks "
        "once crews have been trained on the new model over the following two years.<br><br>"
        "<span class='promo'><a href='/more'>Read more: how the contest was run</a></span><br><br>"
        "<blockquote class='pullquote'>\u201cThis is the tank our soldiers asked for.\u201d</blockquote>"
        "Officials said the deal also covers spare parts, training and a simulator centre "
        "at the army's main base in the north of the country.</div></div>"
        "<footer>All rights reserved</footer></body></html>"
    )
    text, _meta = read_input(page, "text/html")
    paras = text.split("\n\n")
    assert paras[0] == "Norway orders tanks"
    assert paras[1].startswith("Norway has signed a contract with Germany for 54 Leopard 2A7 tanks")
    assert any(p.startswith("The first vehicles are due in 2026") for p in paras)
    assert any(p.startswith("Officials said the deal also covers") for p in paras)


def test_a_short_article_given_twice_by_the_extractor_is_read_once() -> None:
    # trafilatura returns a short <article> twice, the second time without its list.
    page = (
        "<html><head><title>Jets for Ukraine</title></head><body><article><h1>Jets for Ukraine</h1>"
        "<p>Denmark will send 19 F-16 fighter jets to Ukraine, the prime minister said on Sunday.</p>"
        "<p>Pledges so far:</p><ul><li>Netherlands: 18 F-16s</li><li>Norway: 6 F-16s</li></ul>"
        "<p>The first jets are due next year, officials in Kyiv said on Monday.</p></article></body></html>"
    )
    text, _meta = read_input(page, "text/html")
    paras = text.split("\n\n")
    assert paras[0] == "Jets for Ukraine"
    assert paras.count("Denmark will send 19 F-16 fighter jets to Ukraine, the prime minister said on Sunday.") == 1
    assert paras[-1] == "The first jets are due next year, officials in Kyiv said on Monday."
    assert "- Netherlands: 18 F-16s" in paras
