"""Who speaks a direct quote: the attribution after it (``"...," Fomin said``),
before it (``he said: "..."``, ``writing that "a new era" had begun``), or, for
a quote with none, the speaker of the quote just before it. Pieces of one
split quote share a group.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from . import supply_context as sc
from ..people.persons import PersonResolver
from .quotes import Quote, tokens_after, tokens_before
from .organisations import OrgRegistry
from .speakers import Speaker, resolve_subject, subject_of
from .utterance import Utterance, paragraph_index
from ..text.nlp import doc_text

_SIGNATURE_DASHES = {"\u2014", "\u2013", "-", "--"}


def _quote_speaker(doc: Doc, q: Quote, resolver: PersonResolver, orgs: OrgRegistry) -> tuple[Speaker | None, int, int]:
    """Speaker named next to a quote, with the bounds of the attribution context."""
    w = sc.words()
    verbs = w["clause_verbs"] | w["predicate_verbs"] | {"write", "tweet"}
    after = tokens_after(doc, q)
    # a pull quote signed with a dash: '"..." — Yuri Borisov, deputy defence minister'
    if len(after) >= 2 and after[0].text in _SIGNATURE_DASHES:
        name = resolver.person_at(after[1].idx, after[1].idx + len(after[1].text))
        if name:
            return Speaker(name, True), q.start, max(q.end, after[-1].idx + len(after[-1].text))
    for tok in after:
        if tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            subj = subject_of(tok)
            if subj is None:
                # "said Fomin": the name after the verb
                subj = next((t for t in doc[tok.i + 1:tok.i + 6] if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"), None)
            if subj is not None:
                sp = resolve_subject(doc, subj, tok, resolver, orgs)
                if sp:
                    return sp, min(q.start, tok.sent.start_char), max(tok.sent.end_char, q.end)
            break
    before = tokens_before(doc, q)
    for tok in reversed(before):
        if tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            subj = subject_of(tok)
            if subj is not None:
                sp = resolve_subject(doc, subj, tok, resolver, orgs)
                if sp:
                    return sp, min(before[0].idx, tok.sent.start_char), max(q.end, tok.sent.end_char)
            break
    return None, q.start, q.end


def direct_quotes(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[Utterance]:
    out: list[Utterance] = []
    last: Utterance | None = None
    group = 0
    found = [_quote_speaker(doc, q, resolver, orgs) for q in quotes]
    # A quote that runs on into the next paragraph is left open and the next
    # paragraph opens a quote again; the attribution often comes only there
    # ('"... plans.\n\n"They will be delivered ...," Duda said.'): the open
    # piece takes the speaker of the piece that continues it.
    for k in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[k], quotes[k + 1]
        if found[k][0] is None and not q.closed and found[k + 1][0] is not None \
                and paragraph_index(doc_text(doc), nxt.start) - paragraph_index(doc_text(doc), q.start) == 1 \
                and not doc_text(doc)[q.end:nxt.start].strip():
            found[k] = (found[k + 1][0], q.start, q.end)
    for q, (speaker, cs, ce) in zip(quotes, found):
        words = doc_text(doc)[q.content_start:q.content_end].split()
        same_group = False
        if speaker is None and last is not None and last.direct \
                and paragraph_index(doc_text(doc), q.start) - paragraph_index(doc_text(doc), last.start) <= 1:
            # a quote with no attribution continues the quote before it
            speaker, same_group = last.speaker, True
        lead_in = False
        if speaker is None and len(words) >= 4:
            speaker = _lead_in_speaker(doc, q, resolver, orgs)
            lead_in = speaker is not None
        if speaker is None:
            continue
        # "...," Fomin said. "...": the second piece is the same utterance
        if last is not None and last.direct and last.speaker.name == speaker.name \
                and paragraph_index(doc_text(doc), q.start) == paragraph_index(doc_text(doc), last.start) \
                and not _attribution_before(doc, q):
            same_group = True
        if not same_group:
            group += 1
        conf = 0.6 if lead_in else 0.8 if len(words) >= 3 else 0.6
        u = Utterance(speaker=speaker, start=q.content_start, end=q.content_end, direct=True, context_start=cs,
                       context_end=ce, verb="quote", confidence=conf, group=group)
        out.append(u)
        last = u
    return out


def _lead_in_speaker(doc: Doc, q: Quote, resolver: PersonResolver, orgs: OrgRegistry) -> Speaker | None:
    """'Petri did not undersell the moment. "With these jets ..."': a quote that
    opens a sentence right after one, in the same paragraph, whose subject is a
    person or body is that subject's."""
    text = doc_text(doc)
    end = q.start  # (walked back by hand: no copy of the text before the quote)
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == 0 or text[end - 1] not in ".:":
        return None
    colon = text[end - 1] == ":"
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and (subj.idx >= q.start or "\n" in text[subj.idx:q.start]):
        subj = None  # the quote's own subject, or one in another paragraph
    if subj is None and colon:
        # 'Trump, seated next to Rutte: "..."': a lead-in without a verb of its own
        line_start = text.rfind("\n", 0, q.start) + 1
        first = next((t for t in sent if t.idx >= line_start and not t.is_punct and not t.is_space), None)
        name = resolver.person_at(first.idx, first.idx + len(first.text)) if first is not None else None
        return Speaker(name, True) if name and len(name.split()) >= 2 else None
    if subj is None or subj.lower_ in {"he", "she", "it", "they", "we", "i", "you"}:
        return None  # a pronoun lead-in is left to the resolver's reading of pronouns
    return resolve_subject(doc, subj, root, resolver, orgs)


def _attribution_before(doc: Doc, q: Quote) -> bool:
    w = sc.words()
    return any(t.lemma_.lower() in w["clause_verbs"] for t in tokens_before(doc, q)[-6:])
