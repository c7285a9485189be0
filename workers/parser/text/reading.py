"""Turn a submitted article (plain text or an HTML page) into the text the parser
reads, plus the metadata found on the way.

Every offset the parser returns indexes the text returned here, so for plain text
it is the submission unchanged. For HTML it is the headline and the article's
paragraphs as extracted by trafilatura (navigation, cookie banners, footers and
asides dropped), one paragraph per block with a blank line between blocks, so that
paragraph breaks stay sentence breaks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import lxml.html
import trafilatura
from lxml.etree import LxmlError, ParserError

from ..errors import ParseError
from .metadata import find_dateline, html_metadata, text_metadata
from ..records import ArticleMeta

# A document that opens like a page, or plain text carrying several block tags.
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.I)
_BLOCK_TAG = re.compile(r"</(?:p|div|article|section|h[1-6]|li|body|html)\s*>", re.I)
_SKIP_TAGS = frozenset({"script", "style", "nav", "footer", "header", "noscript", "aside", "form", "button"})
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "li", "br", "article", "section", "tr"})
# Containers whose loose text (between <br> and blocks) may be an article's
# paragraphs, the tags that end such a paragraph, and the least loose text that
# makes a container worth rewriting.
_LEAD_CONTAINERS = ("div", "section", "article", "main", "td")
_LEAD_ENDS = frozenset({"br", "p", "div", "blockquote", "figure", "ul", "ol", "table", "h1", "h2", "h3", "h4",
                        "h5", "h6", "section", "article", "aside", "header", "footer", "nav", "hr", "pre"})
_LEAD_MIN_CHARS = 40


def looks_like_html(raw: str) -> bool:
    """True for an HTML page or fragment; plain text may mention a tag or two."""
    return bool(_HTML_START.match(raw)) or len(_BLOCK_TAG.findall(raw[:20000])) >= 2


class _Visible(HTMLParser):
    """Fallback text of a page when trafilatura finds no article: visible text
    outside page furniture, one block per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _paragraphs(text: str) -> list[str]:
    return [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines() if line.strip()]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(p in it for p in part)


def _once(paras: list[str]) -> list[str]:
    """The paragraphs without a second copy of themselves: trafilatura (with
    favor_precision) returns the content of a short ``<article>`` twice in a row,
    whole or with its lists left out the second time, which would double every
    record in it. A copy starts again at the first or second paragraph and
    repeats nothing that was not there before, in the same order."""
    for i in range(min(2, len(paras))):
        for k in range(i + 1, len(paras)):
            if paras[k] == paras[i] and _is_subsequence(paras[k:], paras[i:k]):
                return paras[:k]
    return paras


def _wrap_loose(el: lxml.html.HtmlElement) -> bool:
    """Put each run of loose text in ``el`` (its own text, the text after a
    ``<br>`` or a block child, with the inline tags in it) in a ``<p>`` of its
    own; True when something was wrapped."""
    runs: list = []
    cur = lxml.html.Element("p")
    cur.text, el.text = el.text, None

    def flush() -> None:
        if len(cur) or (cur.text or "").strip():
            runs.append(cur)

    wrapped = bool((cur.text or "").strip())
    for child in list(el):
        el.remove(child)  # lxml moves the child's tail with it
        if isinstance(child.tag, str) and child.tag not in _LEAD_ENDS:
            cur.append(child)
            continue
        flush()
        tail, child.tail = child.tail, None
        runs.append(child)
        cur = lxml.html.Element("p")
        cur.text = tail
        wrapped = wrapped or bool((tail or "").strip())
    flush()
    el.extend(runs)
    return wrapped


def _loose_text_wrapped(raw: str) -> str | None:
    """The page with the loose paragraphs of ``<br>``-separated containers put in
    ``<p>`` tags, or None when it has none.

    Pages that separate paragraphs with ``<br><br>`` inside one ``<div>`` keep the
    first paragraph as the div's own text and a paragraph after a pull quote as
    the quote's tail; trafilatura drops the first and glues the second to the
    quote, so the article would lose its lead, usually the sentence that names
    the parties."""
    if "<br" not in raw and "<BR" not in raw:
        return None
    try:
        tree = lxml.html.document_fromstring(raw)
    except (LxmlError, ParserError, ValueError):
        return None
    changed = False
    for el in list(tree.iter(*_LEAD_CONTAINERS)):
        if el.find("br") is None:
            continue
        loose = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        if loose >= _LEAD_MIN_CHARS:
            changed = _wrap_loose(el) or changed
    return lxml.html.tostring(tree, encoding="unicode") if changed else None


def _html_text(raw: str, title: str | None) -> str:
    """Headline plus article paragraphs separated by blank lines."""
    extracted = None
    try:
        extracted = trafilatura.extract(
            _loose_text_wrapped(raw) or raw, include_comments=False, include_tables=False, favor_precision=True,
            deduplicate=False,
        )
    except (LxmlError, ValueError):
        # lxml refuses some pages outright (an encoding declaration in a str, markup
        # it cannot recover); the fallback reader below still gets their text.
        extracted = None
    by_trafilatura = bool(extracted)
    if not extracted:
        visible = _Visible()
        try:
            visible.feed(raw)
            visible.close()
        except AssertionError:  # html.parser on a malformed declaration: keep what was read
            pass
        extracted = "".join(visible.parts)
    paras = _paragraphs(extracted)
    if title:
        title = re.sub(r"\s+", " ", title).strip()
        # trafilatura sometimes keeps the <h1>; the headline must appear once.
        paras = [p for p in paras if p != title]
    if by_trafilatura:
        paras = _once(paras)
    if title:
        paras.insert(0, title)
    return "\n\n".join(paras)


def read_input(raw: str, content_type: str | None = None) -> tuple[str, ArticleMeta]:
    """(clean_text, metadata) for a submission. ``content_type`` is a MIME type
    ("text/html", "text/plain"); when None the input is sniffed.

    Raises ParseError when there is no text to read."""
    if raw is None or not raw.strip():
        raise ParseError("empty input: no article text")
    is_html = ("html" in content_type.lower()) if content_type else looks_like_html(raw)
    if not is_html:
        return raw, text_metadata(raw)

    page = html_metadata(raw)
    clean = _html_text(raw, page.title)
    if not clean.strip():
        raise ParseError("HTML input has no readable article text")
    from_text = text_metadata(clean)
    dateline = find_dateline(clean)
    source = page.source
    if dateline is not None and (dateline.group("agency") or dateline.group("slash")):
        # A wire dateline names the agency that wrote the story, whoever hosts it.
        source = from_text.source or source
    meta = ArticleMeta(
        title=page.title or from_text.title,
        source=source or from_text.source,
        published=page.published or from_text.published,
        dateline=from_text.dateline,
    )
    return clean, meta
