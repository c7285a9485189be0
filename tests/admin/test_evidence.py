"""Evidence highlighting: spans marked, properly nested, and every character escaped."""

from __future__ import annotations

import re

import pytest

from tracker.admin.evidence import Span, highlighted


def span(start: int, end: int, kind: str = "statement", label: str = "S1") -> Span:
    return Span(start, end, kind, label, f"/r/{label}/", f"title {label}")


def text_of(html: str) -> str:
    """The visible text: tags removed (the tag labels included), entities left escaped."""
    html = re.sub(r'<a class="ev-tag[^"]*" href="[^"]*">[^<]*</a>', "", html)
    return re.sub(r"<[^>]+>", "", html)


def balanced(html: str) -> bool:
    depth = 0
    for tag in re.findall(r"</?mark\b", html):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("spans", "marks"),
    [
        ([], 0),
        ([span(0, 5)], 1),
        ([span(0, 11), span(6, 11, "transfer", "T1")], 2),  # nested, sharing an end
        ([span(0, 11), span(0, 11, "transfer", "T1")], 2),  # the same span twice
        ([span(0, 8), span(4, 11, "transfer", "T1")], 3),  # crossing: the second is split in two
        ([span(3, 3), span(5, 99), span(-1, 2)], 0),  # empty or outside the text: ignored
    ],
)
def test_spans_are_marked_and_nested(spans, marks):
    html = str(highlighted("hello world", spans))
    assert html.count("<mark") == marks
    assert balanced(html)
    assert text_of(html) == "hello world"


def test_each_span_gets_one_tag_linked_to_its_record():
    html = str(highlighted("hello world", [span(0, 8, "statement", "S7"), span(4, 11, "transfer", "T3")]))
    assert html.count('href="/r/S7/"') == 1
    assert html.count('href="/r/T3/"') == 1
    assert 'class="ev ev-transfer"' in html and 'class="ev ev-statement"' in html


def test_markup_in_the_text_and_titles_is_escaped():
    text = '<script>alert(1)</script> & <img src=x onerror="alert(2)">'
    html = str(highlighted(text, [Span(0, 8, "official", '<b>', 'javascript:"x"', '"><script>')]))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in text_of(html)
    assert 'title="&quot;&gt;&lt;script&gt;"' in html


def test_evidence_in_context_cuts_between_words(monkeypatch):
    from types import SimpleNamespace

    from tracker.admin import evidence as tracker_admin

    text = "one two three four five six seven eight nine ten"
    monkeypatch.setattr(tracker_admin.Article.objects, "values_list",
                        lambda *a, **k: SimpleNamespace(get=lambda **kw: text))
    start = text.index("five")
    record = tracker_admin.Statement(article_id=1, evidence_start=start, evidence_end=start + 8)
    html = str(tracker_admin.evidence_in_context(record, margin=7))
    assert text_of(html) == "… four five six seven …"  # "three" was cut: it goes
    assert '<mark class="ev ev-statement" title="the evidence">five six</mark>' in html
