"""Whether an utterance that mentions weapons is about supplying them.

``statements/extract.py`` keeps an utterance when it has supply or weapon words or sits
in a sentence about a transfer. Some such utterances are not about supply at
all (SOURCES.md: "a ceasefire, strikes, the capability of a jet" are left out):

* weapons used on the battlefield ("the General Staff said the drone had
  destroyed a howitzer", "forces have used them to hit targets"): weapon
  words, a combat verb, and nothing that says where the weapons came from;
* supply named only to say it was not talked about ("praised bilateral
  relations, but neither side mentioned military supplies");
* people the schema does not count as officials (analysts, researchers,
  journalists) speaking about what a weapon can do: their words count only
  when they speak of supplying;
* an utterance with no word of supply or arms at all that is about another
  subject of policy: a ceasefire, tariffs and trade, a freeze of assets,
  membership of an alliance, thanks for hospitality. An article about a
  transfer keeps its officials' other remarks, but not these;
* a meeting or call with a person and nothing of what was said in it ("he
  expected to speak to President Xi soon", "the secretary will hold talks
  with him on the sidelines"): the contact is no utterance about supply;
* a description of a weapon as a kind of weapon ("described the vessel as a
  stealthy ship with 32 launch cells", "described Archer as a highly mobile
  artillery system") with no word of supplying: its capability, not its supply;
* what a weapon does, in the present or past ("the frigate carries
  surface-to-air weapons", "the existing S-300 batteries already covered the
  western approaches"), with no word of supplying or of origin. What a system
  will or would do for its buyer ("the drones would be able to patrol the
  coast") speaks of the supply and stays;
* a speaker announcing their own statement to a parliament ("With
  permission, Mr Speaker, I will update the House on today's judgment on
  export licences", "I will make a statement on ..."): what they say follows.

Word lists are in ``vocab/data/words.json`` (``mention_verbs``,
``combat_verbs``, ``origin_words``, ``other_policy_nouns``, ``contact_verbs``,
``contact_nouns``, ``address_verbs``, ``assembly_nouns``, ``capability_verbs``).
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Token

from ..text import columns
from . import supply_context as sc
from ..catalogue.titles import match_head, state_code
from ..transfers.weapons import named_systems

_USE_VERBS = {"use", "employ"}
_NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "nobody", "none", "nothing"}


def _negated_mention(tok: Token) -> bool:
    """The token is what a negated "mention"/"discuss" verb is about."""
    verbs = _mention_verbs(tok.doc)
    if not verbs:
        return False
    cur = tok
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return False
        if head.i in verbs:
            return verbs[head.i]
        cur = head
    return False


def _mention_verbs(doc: Doc) -> dict[int, bool]:
    """Token index of every "mention"/"discuss" verb in the Doc -> whether it is
    negated; found once per Doc."""
    verbs = doc.user_data.get("_mention_verbs")
    if verbs is None:
        mention_verbs, pos = sc.words()["mention_verbs"], columns.pos(doc)
        verbs = doc.user_data["_mention_verbs"] = {
            i: _negated_verb(doc[i]) for i, lemma in enumerate(columns.lemmas(doc))
            if lemma in mention_verbs and pos[i] in {"VERB", "AUX"}}
    return verbs


def _negated_verb(verb: Token) -> bool:
    kids = list(verb.children)
    if any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in kids):
        return True
    # "neither side mentioned", "no one discussed"
    return any(c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in _NEGATORS or any(
        g.lower_ in _NEGATORS for g in c.children)) for c in kids)


def _runs(tokens: Iterable[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in tokens:
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _vocab(tokens: Iterable[Token]) -> bool:
    return any(sc.has_supply_vocab(r) for r in _runs(tokens))


def _supply_words(tokens: Iterable[Token]) -> bool:
    """Words of supplying itself (not weapon names and not the weak ones)."""
    w = sc.words()
    strong = w["supply_lemmas"] - w["weak_lemmas"] - w["weapon_lemmas"]
    return any(t.lemma_.lower() in strong or t.lower_ in strong for t in tokens)


def _says_origin(tokens: list[Token]) -> bool:
    """"Iranian-made drones", "drones supplied by Iran", "Turkish drones"."""
    w = sc.words()
    for t in tokens:
        if t.lower_ in w["origin_words"]:
            return True
        # a weapon in the combat itself is the user's or the target's: "a
        # Ukrainian drone destroyed a Russian howitzer" says nothing of supply
        if t.head.lemma_.lower() in w["combat_verbs"]:
            continue
        if t.lemma_.lower() in w["weapon_lemmas"] and any(
                c.dep_ in {"amod", "compound", "nmod", "poss"} and state_code(c.text) for c in t.children):
            return True
    return False


def battlefield_only(tokens: list[Token]) -> bool:
    """Weapons in combat with no word of supplying or of where they came from."""
    w = sc.words()
    ids = {t.i for t in tokens}
    # the clause's own verb reports a combat event ("had destroyed", "shot
    # down"); "systems, which can intercept targets, will strengthen ..." speaks
    # of what a supplied system adds, and counts
    mains = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    mains += [c for m in mains for c in m.children if c.dep_ == "conj" and c.i in ids]
    # "Ukrainian forces have used them to hit targets": the use is the combat
    mains += [c for m in mains if m.lemma_.lower() in _USE_VERBS for c in m.children
              if c.dep_ in {"xcomp", "advcl"} and c.i in ids]
    combat = [m for m in mains if m.lemma_.lower() in w["combat_verbs"] and m.pos_ in {"VERB", "AUX"}
              and not any(c.dep_ == "aux" and c.lower_ in {"can", "could", "will", "would", "may", "might"}
                          for c in m.children)]
    if not combat:
        return False
    return not _supply_words(tokens) and not _says_origin(tokens)


def other_policy(tokens: list[Token]) -> bool:
    """No word of supply or arms, and a subject of other policy ("the two
    countries were aiming for 10 billion dollars in annual trade", "the
    government had reached a ceasefire with the rebels"). One weak word is
    not enough to keep it: "there is no deal to end the war, Russia will face
    tariffs" speaks of another deal."""
    if not tokens or sc.has_supply_vocab(tokens):
        return False
    nouns = sc.words()["other_policy_nouns"]
    # lower case: "the Minister of Industry and Trade" is a title, not a subject
    return any(t.pos_ == "NOUN" and t.text.islower() and t.lemma_.lower() in nouns for t in tokens)


_PERSONAL = {"him", "her"}


def _a_person(tok: Token) -> bool:
    if state_code(tok.text):
        return False  # a capital the tagger took for a person ("talks with Tallinn")
    return tok.ent_type_ == "PERSON" or tok.lower_ in _PERSONAL or match_head([tok], 0) is not None


def contact_only(tokens: list[Token]) -> bool:
    """The clause reports a meeting or a call with a person ("spoke by phone
    with his counterpart") and no word of supplying: the contact itself, not
    what was said in it."""
    if not tokens or _supply_words(tokens):
        return False
    w = sc.words()
    ids = {t.i for t in tokens}
    mains = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    # "expected to speak to ...", "said he had met ..."
    mains += [c for m in mains for c in m.children if c.dep_ in {"xcomp", "conj"} and c.i in ids]
    for verb in mains:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in w["contact_verbs"]:
            continue
        heads = [verb]
        if verb.lemma_.lower() == "hold":  # "hold talks with him"
            heads = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in w["contact_nouns"]]
        # "met the minister"; "spoke to him", "talks with the president"
        objs = [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_.lower() == "meet" else []
        objs += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in {"with", "to"}
                 for g in c.children if g.dep_ == "pobj"]
        if any(_a_person(o) for o in objs):
            return True
    return False


def describes_weapon(tokens: list[Token]) -> bool:
    """"described the frigate as a stealthy ship": the main verb describes a
    weapon (a weapon word or a named system) as a kind of weapon, and nothing
    speaks of supplying. "described the vehicles as legitimate targets" is a
    threat, not a description."""
    if not tokens or _supply_words(tokens):
        return False
    w = sc.words()
    ids = {t.i for t in tokens}
    for verb in (t for t in tokens if t.head.i not in ids or t.head.i == t.i):
        if verb.lemma_.lower() != "describe":
            continue
        kinds = w["weapon_lemmas"] | set(w["general_arms_words"])
        as_what = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                   for g in c.children if g.dep_ == "pobj"]
        if not any(g.lemma_.lower() in kinds for g in as_what):
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            text = obj.doc.text[obj.left_edge.idx:obj.idx + len(obj.text)]
            if obj.lemma_.lower() in w["weapon_lemmas"] or named_systems(text):
                return True
    return False


def capability_only(tokens: list[Token]) -> bool:
    """The clause's subject is a weapon and its verb, in the present or past
    without a modal, says what the weapon does ("the frigate carries ...")."""
    if not tokens or _supply_words(tokens) or _says_origin(tokens):
        return False
    w = sc.words()
    ids = {t.i for t in tokens}
    mains = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    for verb in mains:
        if verb.lemma_.lower() not in w["capability_verbs"] or verb.tag_ not in {"VBZ", "VBP", "VBD"} \
                or any(c.dep_ == "aux" for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() in w["weapon_lemmas"]:
            return True
    return False


_SPEAKING_SELF = {"i", "we"}


def announces_statement(tokens: list[Token]) -> bool:
    """"I will update the House on ...", "I will make a statement on ...": the
    speaker announces what they are about to say to a parliament."""
    w = sc.words()
    ids = {t.i for t in tokens}
    for verb in (t for t in tokens if t.head.i not in ids or t.head.i == t.i):
        kids = list(verb.children)
        if not any(c.dep_ == "nsubj" and c.lower_ in _SPEAKING_SELF for c in kids) \
                or not any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in kids):
            continue
        objs = [c.lemma_.lower() for c in kids if c.dep_ == "dobj"]
        lemma = verb.lemma_.lower()
        if lemma == "make" and "statement" in objs:
            return True
        # "I will tell the House that no licence will be granted" says it
        if lemma in w["address_verbs"] and any(o in w["assembly_nouns"] for o in objs) \
                and not any(c.dep_ == "ccomp" for c in kids):
            return True
    return False


def off_topic(doc: Doc, start: int, end: int, context: tuple[int, int], *, non_official: bool = False) -> bool:
    """True when the utterance at [start, end) is not about arms supply after all."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    toks = list(span)
    if non_official and not _supply_words(toks):
        return True
    if battlefield_only(toks) or other_policy(toks) or contact_only(toks) or announces_statement(toks) \
            or describes_weapon(toks) or capability_only(toks):
        return True
    if not any(_mention_verbs(doc).values()):
        return False  # no negated "mention" verb in the article: nothing below can hold
    ctx = doc.char_span(context[0], context[1], alignment_mode="expand")
    ctx_toks = list(ctx) if ctx is not None else toks
    negated = {t.i for t in ctx_toks if _negated_mention(t)}
    if not negated:
        return False
    # supply spoken of only as what was not talked about
    if _vocab([t for t in ctx_toks if t.i in negated]) and not _vocab([t for t in ctx_toks if t.i not in negated]):
        return True
    return False
