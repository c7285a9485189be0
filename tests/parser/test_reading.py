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
