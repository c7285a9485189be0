"""A bug in an extractor surfaces: it is raised, not turned into missing records.

The worker marks an article ``failed`` with the reason when the parser raises;
were the error swallowed, the article would be stored ``parsed`` with records
missing and nobody would know. Each case below breaks one extractor and checks
that ``parse_article`` and ``parse_many`` raise that very error.
"""

from __future__ import annotations

import pytest

from workers.parser import ParseError, parse_article, parse_many
from workers.parser.people import officials
from workers.parser.statements import extract as statements
from workers.parser.text import reading

ARTICLE = (
    "Russia has delivered S-400 systems to India, Defence Minister Sergei Shoigu said.\n\n"
    '"The deliveries are complete," Shoigu told reporters.\n'
)


class Bug(RuntimeError):
    """Stands for any programming error inside an extractor."""


def _broken(*_args, **_kwargs):
    raise Bug("a bug inside the extractor")


@pytest.mark.parametrize(
    ("module", "function"),
    [
        (statements, "_extract"),  # the statements extractor as a whole
        (statements, "find_quotes"),  # one of its readers
        (officials, "_records"),  # the officials extractor
        (officials, "_official_people"),  # used by officials and by speaker resolution
    ],
)
def test_a_bug_in_an_extractor_is_raised_by_parse_article(monkeypatch, module, function):
    monkeypatch.setattr(module, function, _broken)
    with pytest.raises(Bug):
        parse_article(ARTICLE, content_type="text/plain")


@pytest.mark.parametrize(("module", "function"), [(statements, "_extract"), (officials, "_records")])
def test_a_bug_in_an_extractor_is_raised_by_parse_many(monkeypatch, module, function):
    # Not returned in place of the one article: the worker then parses each article
    # of the batch alone, and only the one at fault is marked failed.
    monkeypatch.setattr(module, function, _broken)
    with pytest.raises(Bug):
        parse_many([ARTICLE, "Germany sold tanks to Qatar."], content_type="text/plain")


def test_the_unbroken_parser_finds_what_the_broken_one_would_lose():
    # The cases above would pass vacuously if the article gave no statements or
    # officials at all.
    extraction = parse_article(ARTICLE, content_type="text/plain")
    assert extraction.statements and extraction.officials


def test_parse_errors_are_still_returned_per_article():
    results = parse_many(["   ", "Germany sold Leopard tanks to Qatar."], content_type="text/plain")
    assert isinstance(results[0], ParseError)
    assert not isinstance(results[1], Exception)


@pytest.mark.parametrize(
    "page",
    [
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Russia sold jets to India.</p><p>More.</p></body></html>',
        "<html><body><![foo[ x ]]><p>Russia sold jets to India.</p><p>Second paragraph.</p></body></html>",
    ],
)
def test_html_readers_refusing_a_page_fall_back_to_the_visible_text(page):
    clean, _meta = reading.read_input(page, "text/html")
    assert "Russia sold jets to India." in clean


def test_a_bug_in_the_html_reader_is_not_mistaken_for_a_broken_page(monkeypatch):
    monkeypatch.setattr(reading.trafilatura, "extract", _broken)
    with pytest.raises(Bug):
        reading.read_input("<html><body><p>Russia sold jets to India.</p><p>More.</p></body></html>", "text/html")
