"""The learned pair model (``transfers.scored``): candidates, features, scoring,
the rows it adds beside the rules', and the training's fit."""

from __future__ import annotations

import numpy as np
import pytest

from bench.train_pairs import chosen_pairs, fit
from workers.parser import parse_article
from workers.parser.pipeline import _docs
from workers.parser.catalogue.actors import find_actors
from workers.parser.records import TransferRecord
from workers.parser.transfers import scored
from workers.parser.transfers.scored import LOW, SPAN, load_model, pair_candidates, probability


def _doc(text: str):
    doc = next(_docs([text]))
    return doc, find_actors(doc)


def _row(s: str, r: str) -> TransferRecord:
    return TransferRecord(supplier=s, recipient=r, status="delivered", weapons=[], evidence="", start=0, end=0,
                          confidence=0.7)


def test_the_shipped_model_loads_with_a_threshold_and_weights():
    model = load_model()
    assert 0.0 < model["threshold"] < 1.0
    assert "bias" in model["weights"] and len(model["weights"]) > 10


def test_probability_is_the_logistic_of_the_summed_weights():
    model = {"weights": {"bias": -1.0, "a": 2.0, "b": 0.5}, "threshold": 0.5}
    assert probability([], model) == pytest.approx(1 / (1 + np.exp(1.0)))
    assert probability(["a", "b", "unknown"], model) == pytest.approx(1 / (1 + np.exp(-1.5)))


def test_every_ordered_pair_of_a_supply_sentence_is_a_candidate_with_its_roles():
    doc, mentions = _doc("Germany sold forty Leopard tanks to Poland last year.")
    cands = {(c.supplier, c.recipient): c for c in pair_candidates(doc, mentions, [])}
    assert set(cands) == {("DEU", "POL"), ("POL", "DEU")}
    assert "s:role=supplier" in cands[("DEU", "POL")].features
    assert "r:prep=to" in cands[("DEU", "POL")].features
    assert "order=sr" in cands[("DEU", "POL")].features
    assert "order=rs" in cands[("POL", "DEU")].features


@pytest.mark.parametrize("found", [[_row("DEU", "POL")], [_row("POL", "DEU")]])
def test_a_pair_the_rules_give_in_either_direction_is_no_candidate(found):
    doc, mentions = _doc("Germany sold forty Leopard tanks to Poland last year.")
    assert pair_candidates(doc, mentions, found) == []


def test_for_training_the_rules_pairs_are_candidates_without_their_own_rows_as_context():
    doc, mentions = _doc("Spain agreed to sell patrol vessels to Venezuela. Spain also sold two corvettes to"
                         " Venezuela and trucks to Bolivia.")
    found = [_row("ESP", "VEN"), _row("ESP", "BOL")]
    assert {(c.supplier, c.recipient) for c in pair_candidates(doc, mentions, found)} == {("VEN", "BOL"),
                                                                                           ("BOL", "VEN")}
    rows: dict[tuple[str, str], set[str]] = {}
    for c in pair_candidates(doc, mentions, found, with_found=True):
        rows.setdefault((c.supplier, c.recipient), set()).update(c.features)
    assert {("ESP", "VEN"), ("VEN", "ESP"), ("ESP", "BOL"), ("BOL", "ESP")} <= set(rows)
    # each pair's own row is left out: Spain stays a known supplier through the
    # other row, while the recipient is known only through its own
    for pair in [("ESP", "VEN"), ("ESP", "BOL")]:
        assert "s_found_supplier" in rows[pair] and "s_main" in rows[pair]
        assert "r_found_recipient" not in rows[pair]
    assert "r_found_recipient" in rows[("BOL", "VEN")]


def test_with_found_gives_a_pair_the_rules_miss_the_same_features_as_at_run_time():
    doc, mentions = _doc(TEXT)
    found = [_row("ESP", "VEN")]
    run_time = {(c.supplier, c.recipient, c.sent.start): c.features for c in pair_candidates(doc, mentions, found)}
    training = {(c.supplier, c.recipient, c.sent.start): c.features
                for c in pair_candidates(doc, mentions, found, with_found=True)}
    assert run_time and all(training[key] == feats for key, feats in run_time.items())


def test_a_sentence_without_supply_words_gives_no_candidate():
    doc, mentions = _doc("Germany and Poland discussed trade and climate policy in Berlin.")
    assert pair_candidates(doc, mentions, []) == []


def test_the_context_of_the_rules_rows_is_a_feature():
    doc, mentions = _doc("Spain agreed to sell patrol vessels to Venezuela. Washington might refuse to let"
                         " American technology be transferred to Venezuela, a U.S. diplomat said.")
    cands = pair_candidates(doc, mentions, [_row("ESP", "VEN")])
    usa = [c for c in cands if (c.supplier, c.recipient) == ("USA", "VEN")]
    assert usa and all("r_found_recipient" in c.features for c in usa)


TEXT = ("Spain agreed to sell patrol vessels to Venezuela. Washington might refuse to let American technology be"
        " transferred to Venezuela, a U.S. diplomat said.")


def test_the_model_adds_a_pair_the_rules_miss_as_a_weak_row(monkeypatch):
    rows = {(t.supplier, t.recipient): t for t in parse_article(TEXT, content_type="text/plain").transfers}
    assert ("USA", "VEN") in rows
    assert LOW <= rows[("USA", "VEN")].confidence <= LOW + SPAN < 0.8
    # without the model, the rules alone do not give it
    monkeypatch.setattr(scored, "load_model", lambda path=None: {"weights": {}, "threshold": 1.0})
    alone = {(t.supplier, t.recipient) for t in parse_article(TEXT, content_type="text/plain").transfers}
    assert ("USA", "VEN") not in alone and ("ESP", "VEN") in alone


def test_fit_separates_a_separable_set_and_is_deterministic():
    x = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=float)
    y = np.array([1, 1, 0, 0], dtype=float)
    w1, w2 = fit(x, y, l2=1.0), fit(x, y, l2=1.0)
    assert np.array_equal(w1, w2)
    z = np.hstack([x, np.ones((4, 1))]) @ w1
    assert (z[:2] > 0).all() and (z[2:] < 0).all()


def test_chosen_pairs_keep_the_likelier_direction_over_the_threshold():
    cls = scored.PairCandidate
    cands = [cls("A", "B", None, []), cls("B", "A", None, []), cls("C", "D", None, [])]
    assert chosen_pairs(cands, np.array([0.9, 0.6, 0.4]), 0.5) == {("A", "B")}


def test_a_pair_whose_sides_the_rules_already_pair_in_its_sentence_is_not_scored(monkeypatch):
    # a model that keeps every candidate, in text order
    monkeypatch.setattr(scored, "load_model",
                        lambda path=None: {"weights": {"bias": 5.0, "order=sr": 1.0}, "threshold": 0.5})
    text = "Israel is a major buyer of American weapons, and also a major exporter to India and Azerbaijan."
    got = {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}
    assert {("USA", "ISR"), ("ISR", "IND"), ("ISR", "AZE")} <= got
    assert ("USA", "IND") not in got and ("USA", "AZE") not in got
