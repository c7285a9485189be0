"""Every function that changes the tracker's data, by concern.

Views, admin actions, commands and Celery tasks call these; nothing else writes.
The parser itself lives in ``workers.parser`` and knows nothing of Django: these
services store what it returns.

- ``submission``: what an article must be to be stored; storing it, re-parsing it.
- ``queue``: claims on articles, giving them back, failing them, the stale sweep,
  and what one delivery of the parse task does (``article_parse_delivery``).
- ``recording``: one parse's extraction stored as records (``record.sql``).
- ``relations``: the relations summary refresh.
- ``curation``: curators' reviews, edits and merges.
- ``deals``: an article's transfers linked to deals (``deals.sql``; what the
  linking decides, in plain Python: ``deal_matching``); ``stories``: near-duplicate
  articles; ``weapons``: the weapons catalogue table; ``deal_curation``: curators'
  merges, splits and edits of deals.

The names callers use are re-exported here (``services.article_submit``).
"""

from tracker.services.queue import (
    TRANSIENT_ERRORS,
    Claim,
    article_claim,
    article_claim_queued,
    article_enqueue,
    article_mark_failed,
    article_parse_delivery,
    article_release,
    article_release_batch,
    article_requeue_stale,
)
from tracker.services.recording import article_record_extraction, name_key
from tracker.services.relations import relations_refresh
from tracker.services.submission import (
    ARTICLE_TEXT_PATTERN,
    CONTENT_TYPES,
    SubmissionError,
    SubmitResult,
    article_content_hash,
    article_normalised,
    article_reparse,
    article_submit,
)

__all__ = [
    "ARTICLE_TEXT_PATTERN",
    "CONTENT_TYPES",
    "TRANSIENT_ERRORS",
    "Claim",
    "SubmissionError",
    "SubmitResult",
    "article_claim",
    "article_claim_queued",
    "article_content_hash",
    "article_enqueue",
    "article_mark_failed",
    "article_normalised",
    "article_parse_delivery",
    "article_record_extraction",
    "article_release",
    "article_release_batch",
    "article_reparse",
    "article_requeue_stale",
    "article_submit",
    "name_key",
    "relations_refresh",
]
