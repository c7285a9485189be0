"""Where personal names are in an article: token spans of the model's PERSON
entities, with the given names and particles it leaves out, and of the names it
misses or mislabels: a capitalised run right after an office ("Chancellor Olaf
Scholz", which the small model tags as an organisation), a name set off by
commas before or after an office, the subject of a verb of heading or of saying,
a speaker in a parliamentary record, and the officeholders the news names
without their office (``known.py``). ``persons.py`` groups the spans into
people."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ..catalogue import gazetteer
from ..catalogue.titles import _low, head_starts, is_honorific, is_title_text, lexicon, match_head, state_code
from ..text import columns
from ..vocab import load
from .known import known_spans
from .names import US_PARTY_TAG, _extend_name, _name_token, common_words, given_state_word, name_start, party_label

def _is_body(text: str) -> bool:
    """An international body or alliance by name ("the United Nations", "NATO")."""
    actor = gazetteer.resolve_actor(text)
    return actor is not None and actor.kind == "alliance"


def _name_text(doc: Doc, start: int, end: int) -> str:
    return columns.span_text(doc, start, end).strip()


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token spans that look like personal names: PERSON entities and capitalised
    runs right after a title head (the small model misses "Chancellor Olaf Scholz")."""
    spans: dict[int, int] = {}
    org_words = lexicon().org_words
    texts = columns.texts(doc)
    # (``doc.ents`` builds its spans again on every access)
    ents = doc.ents
    for ent in ents:
        if ent.label_ == "ORG":
            # "Secretary of the National Security and Defense Council Oleksiy
            # Danilov": the model runs the body and the name into one entity;
            # two or three name words after the body's last word are a name
            last_org = max((k for k in range(ent.start, ent.end) if _low(doc[k]) in org_words
                            or state_code(doc[k].text)), default=None)
            # ("Turkish Aerospace Industries" is a company the gazetteer knows)
            if last_org is not None and 2 <= ent.end - last_org - 1 <= 3 \
                    and not gazetteer.resolve_company(ent.text) \
                    and all(_name_token(doc[k]) for k in range(last_org + 1, ent.end)) \
                    and any(match_head(doc, k) for k in range(max(0, ent.start - 6), last_org)):
                end = _extend_name(doc, last_org + 1)
                if end >= ent.end and not state_code(_name_text(doc, last_org + 1, end)):
                    spans[last_org + 1] = end
            continue
        if ent.label_ != "PERSON":
            continue
        i = ent.start
        # "the Rubin design bureau": a name used as the modifier of a common
        # noun names a body or a thing
        if i > 0 and _low(doc[i - 1]) == "the" and ent.end < len(doc) and doc[ent.end].pos_ == "NOUN" \
                and doc[ent.end].is_lower and doc[ent.end - 1].dep_ == "compound":
            continue
        # "... of Ukraine Valerii Zaluzhnyi" with only the surname tagged (or
        # "Algoney Hamdan Daglo Musa" without the first name): one untagged
        # given name just before it belongs to the name
        # (before a longer name, not the end of a portfolio: "Minister for
        # Employment and Integration Johan Pehrson")
        # (at the start of a sentence, "Recep Tayyip Erdogan later denied it",
        # only a word the article never writes in lower case: not "Lawyer")
        if i >= 1 and (ent.end - ent.start == 1 or ent.end - ent.start <= 3 and doc[i - 1].pos_ == "PROPN"
                       and (not doc[i - 1].is_sent_start or not common_words(doc, i - 1, i))
                       and (i < 2 or _low(doc[i - 2]) not in {"and", "of", "for", "&"})) \
                and _name_token(doc[i - 1]) and not doc[i - 1].ent_type_ \
                and (doc[i - 1].pos_ == "PROPN" or not doc[i - 1].is_sent_start) \
                and not state_code(doc[i - 1].text) and _low(doc[i - 1]) not in org_words \
                and (i < 2 or not _name_token(doc[i - 2]) or state_code(doc[i - 2].text)
                     or _low(doc[i - 2]) in org_words):
            i -= 1
        while i < ent.end and (is_title_text(texts[i]) or match_head(doc, i) or is_honorific(doc[i])
                               or texts[i] == "." and i > ent.start and is_honorific(doc[i - 1])):
            i += 1
        if i >= ent.end:
            continue
        end = _extend_name(doc, i)
        if end <= i or end < ent.end - 1:
            continue
        text = _name_text(doc, i, end)
        if state_code(text):
            continue
        spans[i] = max(spans.get(i, i), end)
    # "Mr Reuben Brigety", "Dr Naledi Pandor" (which the small model may tag as
    # an organisation): two or more name words after a courtesy word
    honorifics = lexicon().honorifics
    for k in range(len(doc) - 2):
        if texts[k][:1].isupper() and texts[k].lower().rstrip(".") in honorifics:
            s = k + 2 if texts[k + 1] == "." else k + 1
            end = _extend_name(doc, s)
            if end - s >= 2 and s not in spans and not state_code(_name_text(doc, s, end)):
                spans[s] = end
    starts = head_starts(doc)
    i = 0
    n = len(doc)
    while i < n:
        if i not in starts:
            i += 1
            continue
        hit = match_head(doc, i)
        if hit:
            j = i + hit[0]
            # "Ambassador to India Emmanuel Lenain": skip the posting
            if j + 1 < len(doc) and doc[j].lower_ == "to" and state_code(doc[j + 1].text):
                k = j + 2
                while k < len(doc) and k < j + 4 and doc[k].text[:1].isupper() and state_code(doc[j + 1:k + 1].text):
                    k += 1
                j = k
            elif j + 1 < len(doc) and doc[j].lower_ == "to":
                # "Ambassador to the United Nations Vassily Nebenzia": a posting
                # to a body the gazetteer knows
                k = max((k for k in range(j + 2, min(len(doc), j + 6) + 1) if _is_body(doc[j + 1:k].text)),
                        default=None)
                if k is not None:
                    j = k
            # "Minister of National Defence Mariusz Blaszczak": the name is the
            # last two words of the capitalised run after the portfolio's "of"
            # (or "for": "Secretary of State for Arms Control Bonnie Jenkins")
            if j + 1 < len(doc) and doc[j].lower_ in {"of", "for"} and j not in spans:
                k = j + 1
                # ("Minister of Industry and Trade Rini Soewandi": "and" inside the portfolio;
                # "Deputy Minister of Defence for International Cooperation Ivan
                # Petrov": a remit after the portfolio)
                # (not "Minister of Defence Tore O. Sandvik and Chief of Defence
                # ...": an "and" before another office ends the name)
                remit = False
                while k < len(doc) and k - j <= (8 if remit else 6) \
                        and (doc[k].text[:1].isupper()
                             or (doc[k].lower_ == "and" or doc[k].lower_ == "for" and k > j + 1)
                             and k + 1 < len(doc) and doc[k + 1].text[:1].isupper() and not match_head(doc, k + 1)):
                    remit = remit or doc[k].lower_ == "for"
                    k += 1
                tail = doc[k - 2:k] if k - (j + 1) >= 3 else None
                # "Minister of Defense Matori Abdul Djalil": after a portfolio of
                # office words, the rest of the run is the name, however long
                p = j + 1
                while p < k and _low(doc[p]) in lexicon().modifiers | {"and"}:
                    p += 1
                # (after a remit the name is the last two words: "for International
                # Cooperation" is no part of it)
                portfolio = j + 1 < p and k - p >= 2 and not remit
                if portfolio:
                    tail = doc[p:k]
                # (the model's labels are noise on a name right after a portfolio,
                # which it runs into one organisation with a remit)
                if tail is not None and all(_name_token(t) and _low(t) not in org_words and not state_code(t.text)
                                            and (portfolio or remit or doc[j].lower_ == "for"
                                                 or t.ent_type_ not in {"ORG", "GPE", "NORP", "LOC"})
                                            for t in tail) \
                        and (k >= len(doc) or not doc[k].text[:1].isupper()):
                    spans[tail.start] = max(k, _extend_name(doc, tail.start))  # "Mansur Dan-Ali"
            # "the air force's spokesman, Yuriy Ihnat, said": a name set off by commas
            # (also after a posting: "Ukraine's ambassador to Germany, Oleksii Makeiev,")
            comma = j
            if j + 2 < len(doc) and doc[j].lower_ == "of":
                # "The commander of the Ukrainian Air Force, Mykola Oleshchuk,
                # said": the body the office is of comes before the commas
                comma = next((k for k in range(j + 1, min(len(doc), j + 9)) if doc[k].text == ","), j)
                if comma == j or not all(
                        doc[k].lower_ in {"the", "'s", "-"} or doc[k].text[:1].isupper() or _low(doc[k]) in org_words
                        or _low(doc[k]) in lexicon().modifiers for k in range(j + 1, comma)):
                    comma = j
            if comma + 1 < len(doc) and doc[comma].text == "," and _name_token(doc[comma + 1]):
                end = _extend_name(doc, comma + 1)
                if end - (comma + 1) >= 2 and end < len(doc) and doc[end].text == "," and comma + 1 not in spans \
                        and not state_code(_name_text(doc, comma + 1, end)):
                    spans[comma + 1] = end
            end = _extend_name(doc, j)
            if end > j and j not in spans:
                text = _name_text(doc, j, end)
                if not state_code(text) and (end - j >= 2 or any(e.start == j and e.label_ == "PERSON" for e in ents)) \
                        and not common_words(doc, j, end):
                    spans[j] = end
            i = j
            continue
        i += 1
    # "Dmitry Peskov, the Kremlin spokesman, said": a name before an apposition
    # that holds an office, whatever entity label the model gave it
    for k in range(2, len(doc) - 2):
        if texts[k] != "," or k - 2 in spans or k - 3 in spans:
            continue
        start = name_start(doc, k)
        # ("the United States, where President X ...": a state before a clause)
        # (nor "the head of the Armament Agency, Brig. Gen. X": a body's name)
        if k - start < 2 or start in spans or (start > 0 and doc[start - 1].pos_ == "PROPN") \
                or state_code(_name_text(doc, start, k)) or US_PARTY_TAG.fullmatch(_name_text(doc, start, k)) \
                or any(_low(doc[j]) in org_words for j in range(start, k)):
            continue
        j = k + 1
        if j < len(doc) and doc[j].lower_ in {"the", "a", "an"}:
            j += 1
        window = [t for t in doc[j:j + 6]]
        cut = next((n for n, t in enumerate(window) if t.text in {",", ".", ";"} or t.pos_ in {"VERB", "AUX"}
                    or t.lower_ in {"where", "when", "who", "which", "whose"}), len(window))
        if any(match_head(window[:cut], n) for n in range(cut)) and _extend_name(doc, start) >= k:
            spans[start] = k
    # "Dmitry Shugaev heads the Federal Service ...", "Jan-Erik Lovgren, who
    # chairs the board,": a name as the subject of a verb of heading a body
    # (the lower-case lemma column first: most tokens fail it without a Token)
    lemmas = columns.lemmas(doc)
    for k in range(2, len(doc) - 1):
        if lemmas[k] not in {"head", "chair"} or doc[k].lemma_ not in {"head", "chair"} or doc[k].pos_ != "VERB" \
                or doc[k].tag_ not in {"VBZ", "VBD"}:
            continue
        end = k - 2 if texts[k - 1] == "who" and texts[k - 2] == "," else k
        start = end
        while start > 0 and end - start < 4 and (_name_token(doc[start - 1]) or texts[start - 1] == "-"
                                                  and start - 1 > 0 and _name_token(doc[start - 2])):
            start -= 1
        if end - start >= 2 and _name_token(doc[start]) and start not in spans \
                and _extend_name(doc, start) == end and not state_code(_name_text(doc, start, end)) \
                and not any(_low(doc[j]) in org_words for j in range(start, end)):
            spans[start] = end
    # "Kaja Tamm said": two or three name words as the subject of a verb of
    # saying, whatever entity label the model gave them (it often calls an
    # unfamiliar name an organisation)
    _speaker_names(doc, spans)
    # "Wera Hobhouse (Bath) (LD): ...": a speaker in a parliamentary record
    for k in range(2, len(doc) - 2):
        if texts[k] != "(" or not _name_token(doc[k - 1]):
            continue
        start = k
        while start > 0 and k - start < 4 and _name_token(doc[start - 1]):
            start -= 1
        if k - start >= 2 and start not in spans and _extend_name(doc, start) == k \
                and not state_code(_name_text(doc, start, k)) and party_label(doc, k):
            spans[start] = k
    # "handed over to Olaf Scholz": a listed officeholder the model did not tag
    taken = {k for s, e in spans.items() for k in range(s, e)}
    for s, e in known_spans(doc):
        if not any(k in taken for k in range(s, e)):
            spans[s] = e
            taken.update(range(s, e))
    out = sorted(spans.items())
    # drop spans nested in an earlier one
    result: list[tuple[int, int]] = []
    for s, e in out:
        if result and s < result[-1][1]:
            continue
        result.append((s, e))
    return result


# Verbs whose subject is a speaker.
_SAY_LEMMAS = frozenset({"say", "tell", "add", "write", "insist", "warn", "note", "argue", "claim", "explain",
                         "stress", "confirm", "deny", "acknowledge", "reply", "recall", "admit"})
# Entity labels of a place or a people: never a name that speaks.
_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}


@lru_cache(maxsize=1)
def _body_name_words() -> frozenset[str]:
    return frozenset(load("official_titles.json")["body_name_words"])


def _speaker_names(doc: Doc, spans: dict[int, int]) -> None:
    """Add to ``spans`` each run of two or three name words that is the subject
    of a verb of saying and no body: not after "the" or a possessive, no
    office, organisation or state word in it, no company or actor the
    gazetteer knows, not followed by "of" ("Democratic Party of Japan")."""
    lemmas, pos = columns.lemmas(doc), columns.pos(doc)
    org_words = lexicon().org_words
    body_words = _body_name_words()
    taken = {k for s, e in spans.items() for k in range(s, e)}
    for v in range(len(doc)):
        if lemmas[v] not in _SAY_LEMMAS or pos[v] != "VERB":
            continue
        for subj in doc[v].children:
            if subj.dep_ != "nsubj" or subj.pos_ != "PROPN" or subj.i in taken:
                continue
            start = subj.i
            while start > 0 and subj.i - start < 2 and pos[start - 1] == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            end = subj.i + 1
            if end - start < 2 or any(k in taken for k in range(start, end)):
                continue
            words = doc[start:end]
            if not all(_name_token(t) for t in words) or any(_low(t) in org_words or _low(t) in body_words
                                                              or state_code(t.text) and not given_state_word(doc, t.i)
                                                              or t.ent_type_ in _PLACE_LABELS for t in words):
                continue
            if start > 0 and (_low(doc[start - 1]) in {"the", "a", "an", "'s"} or pos[start - 1] == "PROPN"):
                continue
            if end < len(doc) and _low(doc[end]) in {"of", "'s"}:
                continue
            text = words.text
            if gazetteer.resolve_company(text) or gazetteer.resolve_actor(text):
                continue
            spans[start] = end
            taken.update(range(start, end))
