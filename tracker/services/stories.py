"""Stories: articles whose text is a near-duplicate of an earlier one, grouped.

The same wire story republished under other boilerplate, or lightly rewritten,
shares most of its five-word shingles with the first copy. Each article's clean
text gets a MinHash signature (datasketch); its bands (locality-sensitive
hashing: 32 bands of 4 values) go into a GIN-indexed array, so the articles
that may be near-duplicates are found by array overlap in one index read, and
their signatures then estimate the similarity. Both articles stay; the later
one joins the earlier one's story, and a story's events count once.
"""

from __future__ import annotations

import re
import struct
import zlib
from functools import lru_cache
from hashlib import blake2b

from django.conf import settings
from django.db import connection

from tracker.deals_models import ArticleStory, Story

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# A long article's first words are enough to tell a copy from another story.
MAX_WORDS = 3000
_WORD = re.compile(r"\w+")
# Serialises story assignment (any constant shared by every process): two copies
# of one story linked at the same moment by two workers must not both start a story.
_STORY_LOCK = 0x7374_6F72


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
SELECT article_id, story_id, signature FROM tracker_articlestory
 WHERE bands && %s::bigint[] AND article_id <> %s AND article_id > %s
 ORDER BY article_id LIMIT %s
"""
_PAGE = 10
_MAX_CANDIDATES = 200


def article_story_assign(*, article_id: int, clean_text: str) -> ArticleStory:
    """Put the article in the story of its closest earlier near-duplicate, or in a story of its own.

    Idempotent: the same text keeps its story. Runs inside the caller's
    transaction, under a lock that serialises story assignment.
    """
    signature, bands = fingerprint(clean_text)
    current = ArticleStory.objects.filter(article_id=article_id).first()
    if current is not None and current.signature == signature:
        return current
    best: tuple[float, int, int] | None = None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_STORY_LOCK])
        after, read = 0, 0
        while best is None and read < _MAX_CANDIDATES:
            cursor.execute(_CANDIDATES_SQL, [bands, article_id, after, _PAGE])
            page = cursor.fetchall()
            for other_id, story_id, other_signature in page:
                score = similarity(signature, other_signature)
                if score >= settings.STORY_MIN_SIMILARITY:
                    # The earliest near-duplicate's story: every copy joins the first one's.
                    best = (score, other_id, story_id)
                    break
            if len(page) < _PAGE:
                break
            after, read = page[-1][0], read + len(page)
    if best is not None:
        score, story_id = best[0], best[2]
    else:
        score = 1.0
        keep = current is not None and current.story.first_article_id == article_id
        story_id = current.story_id if keep else Story.objects.create(first_article_id=article_id).pk
    if current is None:
        return ArticleStory.objects.create(article_id=article_id, story_id=story_id, similarity=score,
                                           signature=signature, bands=bands)
    current.story_id, current.similarity, current.signature, current.bands = story_id, score, signature, bands
    current.save(update_fields=["story", "similarity", "signature", "bands"])
    return current
