"""The parser's entry points: parse_article, parse_many and the command line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workers.parser import PARSER_VERSION, ParseError, parse_article, parse_many
from workers.parser.cli import extract_files, main

ARTICLE = """June 2, 2021

Norway to send NASAMS launchers to Lithuania

OSLO (Reuters) - Norway will send two NASAMS launchers to Lithuania next year, Defence Minister Frank Bakke-Jensen said on Wednesday.

"This strengthens our ally's air defence," Bakke-Jensen said.

The talks in Vilnius on Tuesday also covered a possible sale of used armoured vehicles.
"""


def test_parse_article_shape() -> None:
    ex = parse_article(ARTICLE)
    d = ex.to_dict()
    assert set(d) >= {"article", "actors", "transfers", "officials", "statements", "parser_version"}
    assert d["article"] == {"title": "Norway to send NASAMS launchers to Lithuania", "source": "Reuters",
                            "published": "2021-06-02", "dateline": "OSLO"}
    assert [(t["supplier"], t["recipient"], t["status"]) for t in d["transfers"]] == [("NOR", "LTU", "planned")]
    assert d["parser_version"] == PARSER_VERSION
    json.dumps(d)  # JSON-serialisable as it is


def test_actors_are_exactly_the_parties_used() -> None:
    ex = parse_article(ARTICLE)
    used = {t.supplier for t in ex.transfers} | {t.recipient for t in ex.transfers}
    for s in ex.statements:
        used |= ({s.supplier} if s.supplier else set()) | set(s.recipients)
    assert {a.code for a in ex.actors} == used


def test_evidence_indexes_clean_text() -> None:
    ex = parse_article(ARTICLE)
    for t in ex.transfers:
        assert ex.clean_text[t.start : t.end] == t.evidence
        assert 0.0 <= t.confidence <= 1.0
    for s in ex.statements:
        assert ex.clean_text[s.start : s.end] == s.evidence


def test_same_text_same_records() -> None:
    assert parse_article(ARTICLE).to_dict() == parse_article(ARTICLE).to_dict()


def test_no_transfer_article_has_no_actors() -> None:
    ex = parse_article("Jan. 5, 2020\n\nLeaders meet in Geneva\n\nGENEVA (AP) — Russian and U.S. diplomats met for talks.")
    assert ex.transfers == [] and ex.actors == []


@pytest.mark.parametrize("raw", ["", "  \n\t ", "...", "- - -", "\u00a0"])
def test_no_usable_text_is_a_parse_error(raw: str) -> None:
    with pytest.raises(ParseError):
        parse_article(raw)


def test_parse_many_matches_parse_article() -> None:
    texts = [ARTICLE, "", "Chile bought two frigates from Australia."]
    results = parse_many(texts)
    assert results[0].to_dict() == parse_article(ARTICLE).to_dict()
    assert isinstance(results[1], ParseError)
    assert [(t.supplier, t.recipient) for t in results[2].transfers] == [("AUS", "CHL")]


def test_parse_many_reads_each_text_as_its_own_content_type() -> None:
    html = "<html><body><p>Chile bought two frigates from Australia.</p></body></html>"
    plain = "Chile bought two <b>frigates</b> from Australia."
    results = parse_many([html, plain], content_types=["text/html", "text/plain"])
    assert results[0].to_dict() == parse_article(html, content_type="text/html").to_dict()
    assert results[1].to_dict() == parse_article(plain, content_type="text/plain").to_dict()
    assert "<b>" in results[1].clean_text and "<p>" not in results[0].clean_text
    with pytest.raises(ValueError):
        parse_many([html, plain], content_types=["text/html"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_anything_but_parse_error(raw: str) -> None:
    try:
        ex = parse_article(raw)
    except ParseError:
        return
    for t in ex.transfers:
        assert ex.clean_text[t.start : t.end] == t.evidence


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "Russia", "supplied", "S-400", "to", "India", "the", "Moscow", "will", "not", "sell", "<p>", "</p>",
    "\n\n", "By", "Reuters", "(AP)", "—", "deal", "signed", "Hezbollah", "'s", "2021", "its", "from", ".",
]), max_size=60))
def test_never_raises_on_news_like_noise(words: list[str]) -> None:
    raw = " ".join(words)
    try:
        parse_article(raw)
        parse_article(raw, content_type="text/html")
    except ParseError:
        pass


def test_cli_writes_one_record_per_file(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "p2.html").write_text(
        "<html><head><title>Chile buys frigates | Review</title></head><body>"
        "<h1>Chile buys two frigates from Australia</h1>"
        "<p>SANTIAGO — Chile has bought two frigates from Australia, the navy said on Sunday.</p>"
        "</body></html>", encoding="utf-8")
    (src / "empty.txt").write_text("   ", encoding="utf-8")
    out = tmp_path / "out"
    failures = extract_files(sorted(src.iterdir()), out)
    assert [p.name for p, _reason in failures] == ["empty.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["a1.json", "p2.json"]
    record = json.loads((out / "p2.json").read_text(encoding="utf-8"))
    assert record["article"]["title"] == "Chile buys two frigates from Australia"
    assert [(t["supplier"], t["recipient"]) for t in record["transfers"]] == [("AUS", "CHL")]
    assert main([str(src / "a1.txt"), "--out", str(out)]) == 0
