"""``manage.py extract``: the worker's parser on files, one JSON record per file."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

ARTICLE = (
    "MOSCOW, March 3. /TASS/. Russia has delivered a new batch of Su-30SM fighter jets to Belarus, "
    "Russian Deputy Defence Minister Alexei Krivoruchko said on Tuesday.\n"
)
PAGE = (
    "<html><head><title>Poland buys K2 tanks | Example News</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Poland buys K2 tanks</h1>"
    "<p>WARSAW - Poland signed a contract on Friday to buy 180 K2 tanks from South Korea, "
    "Defence Minister Mariusz Blaszczak said.</p></article><footer>Cookies</footer></body></html>"
)


def test_extract_writes_one_schema_record_per_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    call_command("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.html"), out=str(out))
    a = json.loads((out / "a.json").read_text())
    b = json.loads((out / "b.json").read_text())
    for record in (a, b):
        assert set(record) >= {"article", "actors", "transfers", "officials", "statements"}
        assert set(record["article"]) >= {"title", "source", "published", "dateline"}
    assert a["article"]["source"] == "TASS"
    assert ("RUS", "BLR") in {(t["supplier"], t["recipient"]) for t in a["transfers"]}
    for t in a["transfers"]:
        assert t["evidence"] in ARTICLE
    assert ("KOR", "POL") in {(t["supplier"], t["recipient"]) for t in b["transfers"]}
    assert "Home" not in {t["evidence"] for t in b["transfers"]}


def test_extract_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Not a file"):
        call_command("extract", str(tmp_path / "missing.txt"), out=str(tmp_path / "out"))
