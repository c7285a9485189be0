"""Articles with transfer rows written straight to the database, for the linking services."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import pytest

from tracker.models import Actor, Article, ArticleStatus, Statement, Transfer

_counter = itertools.count()


def make_article(text: str, *, published: dt.date | None, transfers=(), statements=()) -> Article:
    """A parsed article holding ``text``; transfers as (supplier, recipient, status, weapons, evidence),
    statements as (supplier, [recipients], evidence), with evidence taken from the text."""
    article = Article.objects.create(
        raw=text, clean_text=text, content_hash=hashlib.sha256(f"{text}{next(_counter)}".encode()).hexdigest(),
        status=ArticleStatus.PARSED, published=published, title=text.split("\n")[0][:200],
    )
    actors = {a.code: a for a in Actor.objects.filter(code__in={c for t in transfers for c in t[:2]}
                                                      | {c for s in statements for c in (s[0], *s[1])})}
    for supplier, recipient, status, weapons, evidence in transfers:
        start = text.index(evidence)
        Transfer.objects.create(article=article, supplier=actors[supplier], recipient=actors[recipient],
                                status=status, weapons=list(weapons), evidence=evidence, evidence_start=start,
                                evidence_end=start + len(evidence), confidence=0.7)
    for supplier, recipients, evidence in statements:
        start = text.index(evidence)
        statement = Statement.objects.create(article=article, speaker_name="A spokesman",
                                             supplier=actors[supplier], evidence=evidence, evidence_start=start,
                                             evidence_end=start + len(evidence))
        statement.recipients.set([actors[c] for c in recipients])
    return article


ANNOUNCE = ("India to buy Russian S-400 air defence systems\n15 October 2016\n\n"
            "NEW DELHI (Reuters) - India will buy five S-400 Triumf air defence systems from Russia, "
            "the two governments announced on Saturday.\n")
CONTRACT = ("India signs deal for Russian S-400 missile systems\n5 October 2018\n\n"
            "NEW DELHI (Reuters) - India signed a $5.43 billion contract with Russia on Friday for five "
            "S-400 air defence systems.\n")
DELIVER = ("Russia delivers first S-400 regiment to India\n14 December 2021\n\n"
           "MOSCOW (Reuters) - Russia has delivered the first regiment of S-400s to India, an official said.\n")
OTHER = ("India orders Su-30MKI fighters from Russia\n2 July 2020\n\n"
         "NEW DELHI (Reuters) - India signed a contract with Russia on Thursday for 12 Su-30MKI fighter jets "
         "worth 10,730 crore rupees.\n")


def s400_articles() -> dict[str, Article]:
    """The three S-400 articles, unsaved recipe: call ``make(name)`` to store one."""
    return {
        "announce": lambda: make_article(ANNOUNCE, published=dt.date(2016, 10, 15), transfers=[
            ("RUS", "IND", "planned", ["S-400", "S-400 Triumf"], "India to buy Russian S-400 air defence systems")]),
        "contract": lambda: make_article(CONTRACT, published=dt.date(2018, 10, 5), transfers=[
            ("RUS", "IND", "contracted", ["S-400"], "India signs deal for Russian S-400 missile systems")]),
        "deliver": lambda: make_article(DELIVER, published=dt.date(2021, 12, 14), transfers=[
            ("RUS", "IND", "delivered", ["S-400s"],
             "Russia has delivered the first regiment of S-400s to India, an official said.")]),
    }


@pytest.fixture
def s400():
    return s400_articles()
