"""The rows a weak step adds beside the rows found before it: one per pair of
parties in either direction, never a party to itself, each with its sentence
as evidence (``made``, ``lists`` and ``list_context`` add through it)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..records import TransferRecord
from ..text.nlp import doc_text


class WeakRows:
    """Rows for pairs ``found`` lacks in both directions, collected in ``out``."""

    def __init__(self, doc: Doc, found: list[TransferRecord], bounds: Callable[[Span], tuple[int, int]],
                 confidence: float) -> None:
        self.known = {(t.supplier, t.recipient) for t in found}
        self.known |= {(r, s) for s, r in self.known}
        self.bounds = bounds
        self.confidence = confidence
        self.text = doc_text(doc)
        self.out: list[TransferRecord] = []

    def add(self, s: str, r: str, status: str, sent: Span, confidence: float | None = None) -> None:
        if s == r or (s, r) in self.known:
            return
        self.known.update({(s, r), (r, s)})
        start, end = self.bounds(sent)
        self.out.append(TransferRecord(supplier=s, recipient=r, status=status, weapons=[],
                                       evidence=self.text[start:end], start=start, end=end,
                                       confidence=self.confidence if confidence is None else confidence))
