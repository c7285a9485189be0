"""Arms made by one state in the hands of another: "Kenya operates
Chinese-made Z-9 helicopters", "Indonesia, which has operated two German-built
submarines", "Armenia's arsenal is made up of Russian-supplied weapons"; and
arms with where they came from after them: "Its two submarines, built in France
and Spain", "Chile's frigates, bought from Britain", "Pakistan's tanks from
Ukraine".

The maker is a national adjective joined to "made"/"built"/"supplied" before an
arms noun; the holder is the possessor of that noun phrase (or of the subject
of a "made up of" clause), the subject of a verb of using or holding it, or of
firing it ("Russia fired North Korean-made missiles", "struck Crimea with
U.S.-supplied missiles"). A weapon that is only shot down ("Ukraine downed
Russian-made drones") has no holder here. Arms on their way ("the German tanks
destined for Ukraine") go to the party after "for". A weaker record than a
trigger's.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..vocab import words
from .phrases import arms_like
from .roles import phrase_codes, resolve_pronoun, subject_codes
from .rows import WeakRows
from .status import DELIVERED, ONGOING

CONFIDENCE = 0.45


def _arms_noun(tok: Token) -> Token | None:
    """The arms noun a "made"/"built" participle modifies (through "Type 209")."""
    head, steps = tok.head, 0
    while steps < 3 and head.head.i != head.i and head.dep_ in {"amod", "compound", "nmod", "nummod"}:
        head, steps = head.head, steps + 1
    return head if arms_like(head) else None


def _holders(noun: Token, index: dict[int, ActorMention], named: dict[int, ActorMention] | None = None) -> list[str]:
    """The party that holds ``noun``: its possessor, or the subject of a verb
    of holding it. With ``named`` (every mention, national adjectives too) a
    possessor may be "its" or "the Malaysian air force's"."""
    w = words()
    poss = [c for c in noun.children if c.dep_ == "poss" and c.i in index]
    if poss:
        return [index[poss[0].i].code]
    if named is not None:
        for c in (c for c in noun.children if c.dep_ == "poss"):
            found = resolve_pronoun(c, index)[:1] if c.lower_ in {"its", "their"} else phrase_codes(c, named)
            if len(found) == 1:
                return found
    verb = noun.head
    if noun.dep_ == "pobj":
        verb = verb.head
    if noun.dep_ not in {"dobj", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return []
    if verb.lemma_.lower() in w["holding_verbs"]:
        return subject_codes(verb, index)
    # "Russia fired North Korean-made missiles", "Ukraine struck Crimea with
    # U.S.-supplied missiles": who fires the arms holds them (not what a strike
    # downs: "Ukraine downed Russian-made drones")
    lemma = verb.lemma_.lower()
    if noun.dep_ == "dobj" and lemma in w["fire_verbs"] or noun.dep_ == "pobj" and noun.head.lower_ == "with" \
            and (lemma in w["fire_verbs"] or lemma in w["combat_verbs"]):
        return subject_codes(verb, index)
    if verb.lemma_.lower() in w["consist_verbs"]:
        # "Armenia's arsenal is made up of Russian-supplied weapons"
        for s in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            return [index[c.i].code for c in s.children if c.dep_ == "poss" and c.i in index][:1]
    return []


# The armed services a possessive may name without their state: "the air
# force's Russian-supplied MiG-29s".
_SERVICES = frozenset({"force", "forces", "navy", "army", "military"})


def _service_holder(noun: Token, main: str | None) -> list[str]:
    """The article's main recipient for arms an armed service of no named state
    holds ("the air force's Russian-supplied MiG-29s"), or that are replaced,
    retired or upgraded with no holder named: the story's."""
    if main is None:
        return []
    for c in noun.children:
        if c.dep_ == "poss" and c.lemma_.lower() in _SERVICES \
                and not any(t.ent_type_ in {"GPE", "NORP"} for t in c.subtree):
            return [main]
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in words()["fleet_verbs"] \
            and not any(c.dep_ == "poss" for c in noun.children):
        # "They will replace the British-built Hawk jets": the story's fleet
        return [main]
    return []


def _main_recipient(found: list[TransferRecord]) -> str | None:
    """The recipient of most rows (the first of them on a tie)."""
    counts: dict[str, int] = {}
    for t in found:
        counts[t.recipient] = counts.get(t.recipient, 0) + 1
    return max(counts, key=lambda c: (counts[c], -list(counts).index(c))) if counts else None


def _source_phrases(noun: Token) -> list[Token]:
    """The "from"/"in"/"by" objects that name where arms came from: "submarines,
    built in France and Spain", "frigates bought from Britain", "tanks delivered
    by Ukraine", and "boats from Sweden" on the noun itself."""
    w = words()
    out: list[Token] = []
    for c in noun.children:
        preps: set[str] = set()
        if c.dep_ == "acl" and c.tag_ == "VBN":
            lemma = c.lemma_.lower()
            preps = {"in"} if lemma in w["made_in_verbs"] else {"from", "by"} if lemma in w["bought_from_verbs"] else set()
            heads = [c] + [g for g in c.children if g.dep_ == "conj" and g.tag_ == "VBN"]
            out += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in preps
                    or p.dep_ == "agent" and "by" in preps for o in p.children if o.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ == "from" and not any(
                p.dep_ == "poss" and p.pos_ == "PRON" for p in noun.children):
            # not after "its": "its fighters came from Russia and its
            # submarines from France" has "its" for neither
            out += [o for o in c.children if o.dep_ == "pobj"]
    return out


def _place_codes(obj: Token, index: dict[int, ActorMention]) -> list[str]:
    """The states a source phrase names: "France and Spain"."""
    return [index[t.i].code for t in [obj] + [g for g in obj.children if g.dep_ == "conj"] if t.i in index]


def made_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                   bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for "<maker>-made <arms>" or "<arms> built in <maker>" held by
    another party that ``found`` lacks."""
    makers = [m for m in mentions if m.form == DEMONYM]
    index = mention_index([m for m in mentions if m.form != DEMONYM])
    if not index:
        return []
    rows = WeakRows(doc, found, bounds, CONFIDENCE)
    add = rows.add
    participles = words()["made_participles"]
    main = _main_recipient(found)
    named = mention_index(mentions)

    for m in makers:
        i = m.token_end
        if i + 1 >= len(doc) or doc[i].text not in {"-", "\u2010", "\u2011"} or doc[i + 1].lower_ not in participles:
            continue
        noun = _arms_noun(doc[i + 1])
        if noun is None:
            continue
        for r in _holders(noun, index) or _service_holder(noun, main):
            add(m.code, r, DELIVERED, noun.sent)
    # "Its two submarines, built in France and Spain", "Pakistan's tanks from Ukraine"
    # a source phrase hangs from an "acl" or "prep" child of the noun
    heads = columns.heads(doc)
    with_phrase = {heads[j] for j, dep in enumerate(columns.deps(doc)) if dep in {"acl", "prep"}}
    for i, tag in enumerate(columns.tags(doc)):
        if tag not in {"NN", "NNS", "NNP", "NNPS"} or i not in with_phrase:
            continue
        noun = doc[i]
        # (the source first: few nouns name one, and it is the cheaper test)
        sources = [c for o in _source_phrases(noun) for c in _place_codes(o, index)]
        if not sources or not arms_like(noun):
            continue
        holders = _holders(noun, index, named)
        for s in dict.fromkeys(sources):
            for r in holders:
                add(s, r, DELIVERED, noun.sent)
    # "The German tanks destined for Ukraine", "Iranian drones bound for Russia":
    # arms on their way (ongoing), with their maker on them and their recipient
    # after "for"
    bound = words()["destined_participles"]
    for i, lemma in enumerate(columns.lemmas(doc)):
        tok = doc[i]
        if lemma not in bound or tok.dep_ != "acl" or tok.tag_ != "VBN" or not arms_like(tok.head):
            continue
        noun = tok.head
        recipients = [c for p in tok.children if p.dep_ == "prep" and p.lower_ in {"for", "to"}
                      for o in p.children if o.dep_ == "pobj" for c in _place_codes(o, index)]
        givers = [named[c.i].code for c in noun.children
                  if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i in named]
        givers += [c for o in _source_phrases(noun) for c in _place_codes(o, index)]
        for s in dict.fromkeys(givers):
            for r in recipients:
                add(s, r, ONGOING, noun.sent)
    return rows.out
