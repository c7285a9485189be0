"""The explore pages' markup written in Python: escaped as the templates would, links as reverse() gives."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils.html import json_script as django_json_script

from tracker.explore import rendering

HOSTILE = '<script>alert("x")</script> & \'quoted\''


@pytest.mark.parametrize("args", [("RUS", "ARM"), ("EU", "UKR"), ("A B", "É/x"), ("a&b", "c?d#e")])
def test_a_route_reversed_once_gives_what_reverse_gives(args):
    if "/" in "".join(args):
        args = tuple(a.replace("/", "") for a in args)  # a path segment has no slash
    assert rendering.route("explore:pair", 2)(*args) == reverse("explore:pair", args=args)
    assert rendering.route("explore:actor", 1)(args[0]) == reverse("explore:actor", args=args[:1])


def test_chart_data_is_the_same_json_as_json_script_and_cannot_close_its_element():
    value = {"names": {"RUS": HOSTILE}, "cells": [{"transfers": 2, "url": "/explore/pair/RUS/ARM/"}], "n": None}
    ours = str(rendering.json_script(value, "matrix-data"))
    theirs = str(django_json_script(value, "matrix-data"))
    pattern = r'<script id="matrix-data" type="application/json">(.*)</script>'
    assert json.loads(re.fullmatch(pattern, ours).group(1)) == json.loads(re.fullmatch(pattern, theirs).group(1))
    assert ours.count("</script>") == 1 and "<script>alert" not in ours


def test_the_matrix_table_escapes_names_and_links_only_cells_with_records():
    suppliers = [{"code": "RUS", "name": HOSTILE}]
    recipients = [{"code": "ARM", "name": "Armenia"}, {"code": "AZE", "name": "Azerbaijan"}]
    cells = {("RUS", "ARM"): {"transfers": 2, "statements": 1}}
    head, body = rendering.matrix_table(suppliers=suppliers, recipients=recipients, cells=cells,
                                        pair_url=rendering.route("explore:pair", 2),
                                        actor_url=rendering.route("explore:actor", 1))
    assert '<a href="/explore/actor/AZE/" title="Azerbaijan">AZE</a>' in head
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in body
    assert '<a href="/explore/pair/RUS/ARM/" data-pair="RUS-ARM"' in body
    assert ': 2 transfers, 1 statements">3</a>' in body
    assert body.count("<td></td>") == 1 and "/explore/pair/RUS/AZE/" not in body


def test_evidence_rows_escape_the_article_text():
    article = {"id": 7, "title": HOSTILE, "source": "<TASS>", "published": None, "url": "/api/articles/7/"}
    rows = str(rendering.evidence_rows([
        {"kind": "transfer", "id": 1, "date": "2016-07-19", "status": "delivered", "weapons": ["T-90", "<b>"],
         "evidence": HOSTILE, "article": article},
        {"kind": "statement", "id": 2, "date": None, "speaker": "A <B>", "title": "", "direct_quote": True,
         "evidence": "said", "article": article},
    ]))
    assert "<script>" not in rows and "<b>" not in rows and "&lt;TASS&gt;" in rows
    assert '<tr id="transfer-1"><td><time datetime="2016-07-19">2016-07-19</time></td>' in rows
    assert 'T-90, &lt;b&gt;' in rows
    assert '<tr id="statement-2"><td>no date</td><td>A &lt;B&gt; <span class="tag">quote</span></td>' in rows


def test_year_rows_put_undated_records_in_their_own_row_and_say_when_there_are_none():
    years = [{"year": 2016, "transfers": 2, "statements": 1, "by_status": [1, 1, 0, 0, 0, 0, 0]},
             {"year": None, "transfers": 1, "statements": 0, "by_status": [0, 0, 0, 0, 1, 0, 0]}]
    assert str(rendering.year_rows(years)) == (
        '<tr><th scope="row">2016</th><td>2</td><td>1</td></tr><tr><th scope="row">no date</th><td>1</td><td>0</td></tr>')
    assert str(rendering.year_rows(years, by_status=True)).startswith(
        '<tr><th scope="row">2016</th><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>')
    assert str(rendering.year_rows([], by_status=True)) == '<tr><td colspan="9">None on record.</td></tr>'


def test_partner_rows_and_officials_escape_names():
    partner = {"code": "ARM", "name": HOSTILE, "transfers": 3, "statements": 4, "url": "/explore/actor/ARM/",
               "pair_url": "/explore/pair/RUS/ARM/"}
    rows = str(rendering.partner_rows([partner], actor="RUS", side="recipient"))
    assert "<script>" not in rows and '<a href="/explore/pair/RUS/ARM/">RUS → ARM</a>' in rows
    assert "<td>3</td><td>4</td>" in rows
    assert '<a href="/explore/pair/RUS/ARM/">ARM → RUS</a>' in str(
        rendering.partner_rows([partner], actor="RUS", side="supplier"))

    class Official:
        name, title, organization = "A <B>", "Minister & C", ""

    assert str(rendering.official_items([Official()])) == "<li>A &lt;B&gt;, Minister &amp; C</li>"
