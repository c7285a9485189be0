"""Plain records the parser returns: no Django, no spaCy objects.

These are the contract between the parser and everything that consumes it (the
Celery task that stores them, the ``extract`` command that prints them, the
tests). ``Extraction.to_dict()`` gives the shape described in the evaluation
schema; extra keys (offsets, confidence, parser version) are allowed by it.

All character offsets point into ``Extraction.clean_text``: for plain text that
is the submitted text itself, for HTML the text extracted from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ArticleMeta:
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class ActorRecord:
    name: str
    code: str  # ISO 3166-1 alpha-3 for states, a lowercase hyphenated slug otherwise
    kind: str  # "state", "non-state" or "alliance"


@dataclass
class TransferRecord:
    supplier: str  # actor code
    recipient: str  # actor code
    status: str  # delivered, ongoing, contracted, planned, considering, suspended, denied
    weapons: list[str]
    evidence: str  # == clean_text[start:end]
    start: int
    end: int
    confidence: float = 0.5


@dataclass
class OfficialRecord:
    name: str  # full name as first given
    title: str | None
    organization: str | None
    country: str | None  # actor code
    aliases: list[str] = field(default_factory=list)  # other forms used in the article
    start: int = 0  # first mention
    end: int = 0
    confidence: float = 0.5


@dataclass
class StatementRecord:
    speaker: str  # a person's full name as first given, or an organisation's name
    speaker_is_person: bool
    supplier: str | None
    recipients: list[str]
    evidence: str  # == clean_text[start:end]
    start: int
    end: int
    direct_quote: bool
    confidence: float = 0.5


@dataclass
class Extraction:
    article: ArticleMeta
    clean_text: str
    actors: list[ActorRecord]
    transfers: list[TransferRecord]
    officials: list[OfficialRecord]
    statements: list[StatementRecord]
    parser_version: str

    def to_dict(self) -> dict[str, Any]:
        """The evaluation schema's record, plus offsets, confidence and version."""
        meta = asdict(self.article)
        meta["published"] = self.article.published.isoformat() if self.article.published else None
        return {
            "article": meta,
            "actors": [asdict(a) for a in self.actors],
            "transfers": [asdict(t) for t in self.transfers],
            "officials": [asdict(o) for o in self.officials],
            "statements": [asdict(s) for s in self.statements],
            "parser_version": self.parser_version,
        }
