"""Offices given by a clause about a person rather than by a title phrase:
"X said at his hearing to become defense secretary", "X, who was defence
minister at the time", "X heads the Federal Service ...", "the commission,
chaired by X". ``officials.py`` falls back on these when no title phrase
stands before or after the name."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..catalogue.titles import (
    COUNTERPART,
    RANK,
    TitleInfo,
    _is_cap,
    _low,
    lexicon,
    match_head,
    read_title_phrase,
    skip_honorifics,
    state_code,
)
from ..text.nlp import doc_text
from .persons import NameMention, hard_stop


def become_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"X said at his confirmation hearing to become defense secretary"."""
    sent = doc[mention.start].sent
    for tok in sent:
        if tok.i < mention.end or tok.lemma_.lower() not in {"become", "as", "appoint", "name"}:
            continue
        k = tok.i + 1
        run: list[Token] = []
        if k < sent.end and _low(doc[k]) in {"a", "an", "the"}:
            k += 1
        while k < sent.end and len(run) < 6 and doc[k].text not in {",", ".", ";"} and doc[k].pos_ not in {"VERB", "AUX"} \
                and _low(doc[k]) not in {"that", "and"}:
            run.append(doc[k])
            k += 1
        if run and match_head(run, len(run) - 1) or any(match_head(run, j) for j in range(len(run))):
            info = read_title_phrase(run)
            if info and info.kind not in {RANK, COUNTERPART}:
                return info
    return None


# Verbs that give the person the office of heading a body: "X heads the
# agency", "X, who chairs the committee", "a panel chaired by X".
_HEAD_VERBS = {"head": "head", "chair": "chair"}
_CLAUSE_STOPS = {",", ".", ";", ":", '"', "\u201c", "\u201d", "(", ")"}


def clause_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """An office given in a clause about the person: "X, who was defence
    minister at the time", "X, who heads Sweden's arms inspectorate", "X heads
    the Federal Service", "the commission, chaired by X"."""
    k = mention.end
    if k + 1 < len(doc) and doc[k].text == "," and _low(doc[k + 1]) == "who":
        k += 2
    if k < len(doc) and doc[k].pos_ in {"VERB", "AUX"} and doc[k].lemma_ in _HEAD_VERBS and doc[k].tag_ in {"VBZ", "VBD"}:
        return _headed_body(doc, k + 1, _HEAD_VERBS[doc[k].lemma_])
    if k < len(doc) and doc[k].lemma_ == "be" and k > mention.end:
        k += 1
        while k < len(doc) and _low(doc[k]) in {"now", "also", "then", "currently", "still", "the", "a", "an"}:
            k += 1
        run: list[Token] = []
        while k < len(doc) and len(run) < 10 and doc[k].text not in _CLAUSE_STOPS and not hard_stop(doc[k]) \
                and doc[k].pos_ not in {"VERB", "AUX"} and _low(doc[k]) not in {"who", "which", "that", "when"}:
            if _low(doc[k]) in {"at", "in", "since", "until", "from", "during"} and k + 1 < len(doc) \
                    and not _is_cap(doc[k + 2] if _low(doc[k + 1]) == "the" and k + 2 < len(doc) else doc[k + 1]):
                break
            run.append(doc[k])
            k += 1
        if run and any(match_head(run, j) for j in range(min(3, len(run)))):
            info = read_title_phrase(run)
            if info and info.kind not in {RANK, COUNTERPART}:
                return info
        return None
    start = skip_honorifics(doc, mention.start)
    if start >= 2 and _low(doc[start - 1]) == "by" and doc[start - 2].lemma_ in _HEAD_VERBS \
            and doc[start - 2].tag_ == "VBN":
        # "the commission, which is chaired by X": the body is the verb's subject
        return TitleInfo(title=_HEAD_VERBS[doc[start - 2].lemma_], start=doc[start - 2].idx,
                         end=doc[start - 1].idx + len(doc[start - 1].text))
    return None


def _headed_body(doc: Doc, k: int, title: str) -> TitleInfo | None:
    """"heads [the] Federal Service for ... (FSMTC)": the body a head verb names."""
    if k < len(doc) and _low(doc[k]) == "the":
        k += 1
    body: list[Token] = []
    while k < len(doc) and len(body) < 10 and doc[k].text not in _CLAUSE_STOPS and not hard_stop(doc[k]) \
            and (_is_cap(doc[k]) or _low(doc[k]) in {"of", "for", "and", "'s", "-"}):
        body.append(doc[k])
        k += 1
    while body and _low(body[-1]) in {"of", "for", "and", "'s", "-"}:
        body.pop()
    # a public body: an office word in its name or a state's possessive before
    # it (a company or a think tank a person heads makes no official)
    if not body or not (any(_low(t) in lexicon().org_words for t in body)
                        or len(body) > 2 and body[1].text in {"'s", "\u2019s"} and state_code(body[0].text)):
        return None
    info = TitleInfo(title=title, organization=_join_tokens(body), start=body[0].idx,
                     end=body[-1].idx + len(body[-1].text))
    # "Sweden's Inspectorate of Strategic Products": the possessive is the country
    if len(body) > 2 and body[1].text in {"'s", "\u2019s"}:
        info.country = state_code(body[0].text)
        info.organization = _join_tokens(body[2:])
    return info


def _join_tokens(tokens: list[Token]) -> str:
    return doc_text(tokens[0].doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def member_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"Its other members were Judge A and Mr B", "the panel's members include
    A, B and C": a named member of a body listed after "members"."""
    sent = doc[mention.start].sent
    k = mention.start - 1
    while k > sent.start and (doc[k].text in {",", "and", "."} or doc[k].pos_ in {"PROPN", "DET"}
                              or _low(doc[k]) in lexicon().honorifics or doc[k].is_title):
        k -= 1
    verb = doc[k]
    if verb.lemma_ not in {"be", "include"} or k < 1 or _low(doc[k - 1]) != "members":
        return None
    return TitleInfo(title="member", start=doc[k - 1].idx, end=verb.idx + len(verb.text))
