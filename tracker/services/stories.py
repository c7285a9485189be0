"""Stories: articles whose text is a near-duplicate of an earlier one, grouped.

The same wire story republished under other boilerplate, or lightly rewritten,
shares most of its five-word shingles with the first copy. Each article's clean
text gets a MinHash signature (datasketch); its bands (locality-sensitive
hashing: 32 bands of 4 values) go into a GIN-indexed array, so the articles
that may be near-duplicates are found by array overlap in one index read, and
their signatures then estimate the similarity. Both articles stay; the later
one joins the earlier one's story, and a story's events count once.

Near-duplicates share at least one band, so an advisory lock per band is
enough to keep two copies linked at the same moment from both starting a
story; articles with nothing in common never wait for each other.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b

from django.conf import settings
from django.db import connection
from django.utils import timezone

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# A long article's first words are enough to tell a copy from another story.
MAX_WORDS = 3000
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    seed = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
    return seed.permutations, seed.scheme


def preload() -> None:
    """Import datasketch and the resolver, and make the permutations: once, before a worker forks."""
    import workers.parser.systems  # noqa: F401

    _permutations()


def fingerprint(text: str) -> tuple[list[int], list[int]]:
    """The MinHash signature of ``text`` and the hash of each of its bands."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())[:MAX_WORDS]
    if len(words) < SHINGLE:
        shingles = {" ".join(words).encode()}
    else:
        shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}
    permutations, scheme = _permutations()
    minhash = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme=scheme, hashfunc=zlib.crc32)
    minhash.update_batch(list(shingles))
    signature = [int(v) for v in minhash.hashvalues]
    bands = []
    for b in range(BANDS):
        chunk = struct.pack(f"<{ROWS}I", *signature[b * ROWS:(b + 1) * ROWS])
        # The band's index goes in the hash: equal values in different bands are no match.
        digest = blake2b(bytes([b]) + chunk, digest_size=8).digest()
        bands.append(int.from_bytes(digest, "little", signed=True))
    return signature, bands


def similarity(a: list[int], b: list[int]) -> float:
    """The MinHash estimate of the Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


# The earliest articles sharing a band, a page at a time: the first similar
# enough decides, so a story copied a hundred times costs one page, not a hundred rows.
_CANDIDATES_SQL = """
SELECT article_id, story_id, signature::text FROM tracker_articlestory
 WHERE bands && %s::bigint[] AND article_id <> %s AND article_id > %s
 ORDER BY article_id LIMIT %s
"""
_PAGE = 10
_MAX_CANDIDATES = 200
# One lock per band, in order (two articles locking the same bands never deadlock).
_LOCK_BANDS_SQL = """
SELECT pg_advisory_xact_lock(b) FROM unnest(%s::bigint[]) WITH ORDINALITY AS u(b, i) ORDER BY i
"""
# The article's row, written with its story (a new one when ``story`` is null) in one statement.
# Its link fields (linked_at, link_digest) are the linking's to write.
_WRITE_SQL = """
WITH new_story AS (
    INSERT INTO tracker_story (first_article_id, created_at)
    SELECT %(article)s, %(now)s WHERE %(story)s::bigint IS NULL
    RETURNING id
)
INSERT INTO tracker_articlestory (article_id, story_id, similarity, signature, bands, text_hash, link_digest)
SELECT %(article)s, coalesce(%(story)s::bigint, (SELECT id FROM new_story)), %(similarity)s,
       %(signature)s::bigint[], %(bands)s::bigint[], %(text_hash)s, ''
    ON CONFLICT (article_id) DO UPDATE
   SET story_id = EXCLUDED.story_id, similarity = EXCLUDED.similarity, signature = EXCLUDED.signature,
       bands = EXCLUDED.bands, text_hash = EXCLUDED.text_hash
RETURNING story_id
"""
_CURRENT_SQL = """
SELECT s.story_id, s.text_hash, st.first_article_id, s.signature
  FROM tracker_articlestory s JOIN tracker_story st ON st.id = s.story_id
 WHERE s.article_id = %s
"""


@dataclass(frozen=True)
class StoryState:
    """What an article's story row holds (None: it has none yet)."""

    story_id: int | None = None
    text_hash: int | None = None
    first_article_id: int | None = None  # the story's first article


def text_hash(text: str) -> int:
    """A 64-bit hash of the clean text: the same text has the same signature."""
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little",
                          signed=True)


def _array(values: list[int]) -> str:
    """An integer array as PostgreSQL's literal: what psycopg would send, without its per-item adaptation."""
    return "{" + ",".join(map(str, values)) + "}"


def article_story_assign(*, article_id: int, clean_text: str, current: StoryState | None = None) -> int:
    """Put the article in the story of its closest earlier near-duplicate, or in a story of its own; its story id.

    Idempotent: the same text keeps its story, with no query when ``current``
    (what the article's row holds, read by the caller) says so. Runs inside the
    caller's transaction, whose band locks it holds until the commit.
    """
    digest = text_hash(clean_text)
    if current is None:
        current = _current(article_id)
    if current.story_id is not None and current.text_hash == digest:
        return current.story_id
    signature, bands = fingerprint(clean_text)
    with connection.cursor() as cursor:
        if current.story_id is not None and current.text_hash is None:
            # A row from before text hashes were kept: the same signature keeps its story.
            cursor.execute(_CURRENT_SQL, [article_id])
            row = cursor.fetchone()
            if row is not None and list(row[3]) == signature:
                cursor.execute("UPDATE tracker_articlestory SET text_hash = %s WHERE article_id = %s",
                               [digest, article_id])
                return current.story_id
        cursor.execute(_LOCK_BANDS_SQL, [_array(sorted(bands))])
        best = _closest(cursor, article_id, signature, _array(bands))
        if best is not None:
            score, story_id = best[0], best[2]
        else:
            score = 1.0
            keep = current.story_id is not None and current.first_article_id == article_id
            story_id = current.story_id if keep else None
        cursor.execute(_WRITE_SQL, {"article": article_id, "story": story_id, "similarity": score,
                                    "signature": _array(signature), "bands": _array(bands), "text_hash": digest,
                                    "now": timezone.now()})
        return cursor.fetchone()[0]


def _current(article_id: int) -> StoryState:
    with connection.cursor() as cursor:
        cursor.execute(_CURRENT_SQL, [article_id])
        row = cursor.fetchone()
    return StoryState(*row[:3]) if row else StoryState()


def _closest(cursor, article_id: int, signature: list[int], bands: str) -> tuple[float, int, int] | None:
    """(similarity, article, story) of the earliest article sharing a band that is similar enough."""
    after, read = 0, 0
    while read < _MAX_CANDIDATES:
        cursor.execute(_CANDIDATES_SQL, [bands, article_id, after, _PAGE])
        page = cursor.fetchall()
        for other_id, story_id, other_signature in page:
            # As text, parsed only for the rows compared (the first usually decides).
            score = similarity(signature, [int(x) for x in other_signature[1:-1].split(",") if x])
            if score >= settings.STORY_MIN_SIMILARITY:
                # The earliest near-duplicate's story: every copy joins the first one's.
                return score, other_id, story_id
        if len(page) < _PAGE:
            return None
        after, read = page[-1][0], read + len(page)
    return None
