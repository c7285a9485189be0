"""Evidence in context: an article's text, escaped, with what the parser found marked in it.

Each kind of record (transfer, statement, official) has its own colour (the CSS
is in ``templates/admin/tracker/evidence_styles.html``) and each mark carries a
tag that links to its record. Every piece of text goes through ``format_html``:
submitted HTML is shown as text, never rendered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from tracker.models import Article, Statement, Transfer



@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "transfer", "statement" or "official": the CSS class and the colour
    label: str  # a short tag such as "T12", linked to the record
    url: str
    title: str


_KIND_ORDER = {"statement": 0, "transfer": 1, "official": 2}


def highlighted(text: str, spans: list[Span]) -> SafeString:
    """The text, escaped, with every span marked and tagged with a link to its record.

    Spans may nest or overlap (a transfer inside a statement's sentence, an
    official's name inside a quote). Marks are kept properly nested: a span that
    crosses the end of another is closed there and opened again after it,
    without a second tag.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    spans.sort(key=lambda s: (s.start, -s.end, _KIND_ORDER.get(s.kind, 9)))
    boundaries = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    by_start: dict[int, list[Span]] = {}
    for span in spans:
        by_start.setdefault(span.start, []).append(span)

    out: list[str] = []
    stack: list[Span] = []
    cursor = 0

    def open_mark(span: Span, *, tagged: bool) -> None:
        out.append(format_html('<mark class="ev ev-{}" title="{}">', span.kind, span.title))
        if tagged and span.label:
            out.append(format_html('<a class="ev-tag ev-tag-{}" href="{}">{}</a>', span.kind, span.url, span.label))

    for boundary in boundaries:
        out.append(format_html("{}", text[cursor:boundary]))
        cursor = boundary
        ending = [s for s in stack if s.end == boundary]
        if ending:
            # Close down to the deepest ending span, then reopen the survivors.
            depth = min(stack.index(s) for s in ending)
            reopen = [s for s in stack[depth:] if s.end != boundary]
            out.extend(["</mark>"] * (len(stack) - depth))
            del stack[depth:]
            for span in reopen:
                open_mark(span, tagged=False)
                stack.append(span)
        for span in by_start.get(boundary, []):
            open_mark(span, tagged=True)
            stack.append(span)
    out.extend(["</mark>"] * len(stack))
    return format_html('<div class="evidence-text">{}</div>', mark_safe("".join(out)))  # noqa: S308 - parts escaped above


def article_spans(article: Article) -> list[Span]:
    spans = []
    for t in article.transfers.select_related("supplier", "recipient"):
        spans.append(Span(t.evidence_start, t.evidence_end, "transfer", f"T{t.pk}",
                          reverse("admin:tracker_transfer_change", args=[t.pk]),
                          f"Transfer {t.pk}: {t.supplier.code} → {t.recipient.code}, {t.status} ({t.review_state})"))
    for s in article.statements.all():
        spans.append(Span(s.evidence_start, s.evidence_end, "statement", f"S{s.pk}",
                          reverse("admin:tracker_statement_change", args=[s.pk]),
                          f"Statement {s.pk} by {s.speaker_name} ({s.review_state})"))
    for m in article.official_mentions.select_related("official"):
        spans.append(Span(m.evidence_start, m.evidence_end, "official", f"O{m.official_id}",
                          reverse("admin:tracker_official_change", args=[m.official_id]),
                          f"Official {m.official_id}: {m.official}"))
    return spans


def evidence_in_context(record: Transfer | Statement, *, margin: int = 300) -> SafeString:
    """The record's evidence with some of the article around it."""
    text = Article.objects.values_list("clean_text", flat=True).get(pk=record.article_id) or ""
    start, end = max(0, record.evidence_start - margin), min(len(text), record.evidence_end + margin)
    # Cut between words, never inside the evidence.
    if start > 0:
        start = min(record.evidence_start, text.find(" ", start) + 1 or start)
    if end < len(text):
        end = max(record.evidence_end, text.rfind(" ", 0, end) if text.rfind(" ", 0, end) > 0 else end)
    prefix, suffix = ("… " if start > 0 else ""), (" …" if end < len(text) else "")
    kind = "transfer" if isinstance(record, Transfer) else "statement"
    offset = len(prefix) - start
    span = Span(record.evidence_start + offset, record.evidence_end + offset, kind, "", "", "the evidence")
    return highlighted(prefix + text[start:end] + suffix, [span])
