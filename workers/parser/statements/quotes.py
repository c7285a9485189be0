"""Direct quotes: where they are in the text, and the tokens around them.

Quotes are paired per paragraph: curly marks by direction, straight marks
alternately. A quote left open at the end of a paragraph runs to its end (the
convention for a quote that continues in the next paragraph). Evidence is the
quoted content without the marks and without the sentence's closing point.
Who speaks a quote is ``attribution.py``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from ..text.nlp import doc_text

OPEN = {'"', "\u201c", "\u00ab", "\u201e"}
CLOSE = {'"', "\u201d", "\u00bb"}
# Any of the marks above, to jump from one to the next.
_MARK = re.compile("[" + "".join(sorted(OPEN | CLOSE)) + "]")
_LINE = re.compile(r"[^\n]+")
# Evidence drops the punctuation that closes the sentence inside the quote.
_TRAIL = " \t\n,.;:"


@dataclass
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end)
    content_start: int
    content_end: int
    closed: bool = True


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage of ``text``, in order."""
    out: list[Quote] = []
    for para in _LINE.finditer(text):
        p_start, p_text = para.start(), para.group(0)
        open_at: int | None = None
        for mark in _MARK.finditer(p_text):
            i, ch = mark.start(), mark.group(0)
            if open_at is None:
                # a straight mark glued to a word on its left closes nothing and
                # opens nothing sensible ("5'11\""); curly closers never open
                if ch in OPEN and (ch != '"' or i == 0 or not p_text[i - 1].isalnum()):
                    open_at = i
                continue
            if ch in CLOSE:
                out.append(_make(text, p_start + open_at, p_start + i + 1, closed=True))
                open_at = None
        if open_at is not None and len(p_text) - open_at > 3:
            out.append(_make(text, p_start + open_at, p_start + len(p_text), closed=False))
    return [q for q in out if q.content_end > q.content_start]


def _make(text: str, start: int, end: int, *, closed: bool) -> Quote:
    cs = start + 1
    ce = end - 1 if closed else end
    while cs < ce and text[cs] in " \t":
        cs += 1
    while ce > cs and text[ce - 1] in _TRAIL:
        ce -= 1
    return Quote(start=start, end=end, content_start=cs, content_end=ce, closed=closed)


# A quoted phrase of this many words or fewer, with no verb, set inside a
# sentence of the writer's own ("called the deal 'historic'", "trade that is
# 'fair and reciprocal'") is a scare-quoted label, not an utterance: the sentence around it
# is read as reported speech instead.
_FRAGMENT_WORDS = 4


def is_fragment(doc: Doc, quote: Quote) -> bool:
    text = doc_text(doc)
    if len(text[quote.content_start:quote.content_end].split()) > _FRAGMENT_WORDS:
        return False
    span = doc.char_span(quote.content_start, quote.content_end, alignment_mode="expand")
    # a participle that qualifies a noun ("an 'enhanced strategic partnership'")
    # is no verb of an utterance
    if span is None or any(t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod" for t in span):
        return False
    # 'added: "Half."' and 'said, "Never."' are answers, not labels
    if any(c in ".!?" for c in text[quote.content_end:quote.end]):
        return False
    before = text[span[0].sent.start_char:quote.start].rstrip()
    return any(c.isalnum() for c in before) and before[-1] not in ":,"


def tokens_after(doc: Doc, quote: Quote, limit: int = 30) -> list[Token]:
    """Tokens after the closing mark up to the sentence's end or the next quote."""
    span = doc.char_span(quote.end, min(len(doc_text(doc)), quote.end + 400), alignment_mode="expand")
    out: list[Token] = []
    if span is None:
        return out
    for tok in span:
        if tok.text in OPEN or tok.text in CLOSE or tok.text in {".", "!", "?"} or "\n" in tok.text \
                or len(out) >= limit:
            break
        out.append(tok)
        if "\n" in tok.whitespace_:
            break
    return out


def tokens_before(doc: Doc, quote: Quote, limit: int = 30) -> list[Token]:
    """Tokens before the opening mark back to the sentence's start or a quote."""
    span = doc.char_span(max(0, quote.start - 600), quote.start, alignment_mode="contract")
    out: list[Token] = []
    if span is None:
        return out
    for tok in reversed(list(span)):
        if tok.text in OPEN or tok.text in CLOSE or tok.text in {".", "!", "?"} or "\n" in tok.text \
                or "\n" in tok.whitespace_ or len(out) >= limit:
            break
        out.insert(0, tok)
    return out
