"""Supply reports that name one side only, completed from the sentence or the story around them.

``extract.find_candidates`` keeps a report with a supplier and no recipient (or
the reverse) aside; ``complete_partials`` gives it the missing side when the
context names it clearly enough, always at a lower confidence than a report
naming both sides.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..catalogue.actors import DEMONYM, ActorMention
from ..vocab.lexicon import ACQUIRE_NOUNS, ACQUIRE_VERBS, NEED_VERBS, PREP_DEPS, SUPPLY_VERBS
from .context import made_elsewhere, moves_arms, sentence_parties, story_supplier
from .phrases import arms_like, objects_of, phrase_text, with_objects
from .roles import subject_codes
from .triggers import Candidate
from .weapons import named_systems

# How far back a report may lend a sentence the side it leaves out.
CARRY_SENTENCES = 2
_ACQUIRE_WORDS = ACQUIRE_VERBS | ACQUIRE_NOUNS


def _main_party(values: list[str]) -> str | None:
    """The party named most often in one role (first named on a tie)."""
    if not values:
        return None
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def complete_partials(full: list[Candidate], partial: list[Candidate], index: dict[int, ActorMention],
                       sent_no: dict[int, int]) -> list[Candidate]:
    """Reports that name one side only, completed nearest first:

    - the one recipient of a full report in the same sentence ("Canada has
      shipped tanks to Ukraine, and Norway is expected to announce a donation");
    - a party of the same sentence that needs or asks for arms ("Germany
      delivered the first of four IRIS-T systems, and Zelenskyy said Ukraine
      needed many more");
    - when the sentence names no other party, the other side of a report in the
      two sentences before ("Germany has sent tanks to Ukraine. Norway is also
      weighing contributions"; a seller only for a buyer's own act: "... Egypt's
      purchase of 30 more of the jets");
    - the article's main supplier or recipient ("Deliveries of the system to
      Iran were completed in 2016"), only for reports that name the arms.

    Only parties named outright (not "Russian") are completed from context.
    All with less confidence than a report naming both sides."""
    supplier = _main_party([s for c in full for s in c.suppliers])
    recipient = _main_party([r for c in full for r in c.recipients])
    # Parties of other one-sided reports in the same sentence stand on the same
    # side: "Denmark has pledged 19 of the aircraft, and Norway is considering a
    # contribution" names no recipient.
    same_side: dict[tuple[int, bool], set[str]] = {}
    for c in partial:
        same_side.setdefault((c.sent.start, bool(c.suppliers)), set()).update(c.suppliers or c.recipients)
    dominant = story_supplier(full, partial, index)
    out = []
    for c in partial:
        if not c.recipients and _any_party(c.trigger):
            continue  # "Beijing denied supplying weapons to either side": no one in particular
        own = set(c.suppliers) | set(c.recipients)
        named = [p for p in sentence_parties(c.sent, index) if p not in same_side.get((c.sent.start, bool(c.suppliers)), set())]
        outright = _named_outright(c.sent, own, index)
        # "Russian arms exports grew": a national adjective does not act in the story
        near = _previous_report(full, c, sent_no) if outright else None
        beside = [f for f in full if f.sent.start == c.sent.start and not own & (set(f.suppliers) | set(f.recipients))
                  and outright]
        if not c.recipients and beside and len({r for f in beside for r in f.recipients}) == 1:
            # "Canada has shipped four tanks to Ukraine, and Norway is expected to
            # announce a donation": the one recipient of the sentence
            c.recipients = list(beside[0].recipients)
        elif not c.recipients and (needy := [m for m in named if m not in own and _needs_arms(c.sent, m, index)]):
            if len(set(needy)) != 1:
                continue
            c.recipients = needy[:1]
        elif near is not None and set(named) <= own and not c.recipients and not own & set(near.recipients):
            c.recipients = list(near.recipients)
        elif near is not None and set(named) <= own and not c.suppliers and not own & set(near.suppliers) \
                and c.trigger.lemma_.lower() in _ACQUIRE_WORDS \
                and _seller_of(full, c.recipients, near.suppliers[0]) in near.suppliers:
            # only a buyer's own act ("Egypt's purchase of 30 more of the jets")
            # continues the seller's story; "a system reached Ukraine" need not;
            # nor does a buyer the story gives another seller
            c.suppliers = list(near.suppliers)
        elif not c.suppliers and dominant and dominant not in own and set(named) <= own and outright \
                and moves_arms(c.trigger) and not made_elsewhere(c.sent, dominant):
            # "Ethiopia received six drones in 2021" in a story of one seller
            c.suppliers = [dominant]
        elif not c.recipients and recipient and recipient not in c.suppliers and _buyer_untold(c.trigger, index):
            # "An attempt to buy Swedish Gripens foundered": a purchase that names
            # no buyer is the story's buyer's
            c.recipients = [recipient]
        elif not _names_arms(c.trigger):
            continue
        elif not c.suppliers and (seller := _seller_of(full, c.recipients, supplier)) and seller not in c.recipients:
            c.suppliers = [seller]
        elif not c.recipients and recipient and recipient not in c.suppliers and (recipient in named or not _others_outright(c.sent, own, index)) and (
                c.trigger.lemma_.lower() in SUPPLY_VERBS or (c.trigger.lemma_.lower() in _ACQUIRE_WORDS and set(named) <= own)):
            # not when the sentence names another party and not the story's
            # recipient ("by supplying Arrow 3, Israel was contributing to the
            # security of Germany" in a story whose main recipient is another)
            c.recipients = [recipient]
        else:
            continue
        c.confidence = 0.45
        out.append(c)
    return out


# Words that make a "to" object no party in particular: "to either side",
# "to anyone", "to both parties".
_ANY_DETERMINERS = frozenset({"either", "both", "any", "neither", "no"})
_ANY_PRONOUNS = frozenset({"anyone", "anybody", "nobody", "no-one"})


def _any_party(trigger: Token) -> bool:
    """Whether the report sends the arms "to" no one in particular."""
    for p in trigger.children:
        if p.dep_ in PREP_DEPS and p.lower_ == "to":
            for g in p.children:
                if g.dep_ == "pobj" and (g.lower_ in _ANY_PRONOUNS
                                         or any(d.lower_ in _ANY_DETERMINERS for d in g.children if d.dep_ == "det"
                                                or d.dep_ == "preconj")):
                    return True
    return False


def _buyer_untold(trigger: Token, index: dict[int, ActorMention]) -> bool:
    """Whether a buying verb names no buyer of its own: "an attempt to buy",
    "voters blocked a plan to buy", not "Egypt's bid to buy" nor "a plan by
    Egypt to buy" (whose buyer ``subject_codes`` finds)."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in ACQUIRE_VERBS:
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in trigger.children):
        return False
    return not subject_codes(trigger, index)


def _seller_of(full: list[Candidate], recipients: list[str], main: str | None) -> str | None:
    """The supplier of a buyer's report that names none: the one supplier the
    story gives these buyers, else (when it gives them none) its main supplier.
    "Beijing never said it was buying the system" in a story where Israel sells
    to China and the United States to Taiwan is Israel's system."""
    theirs = list(dict.fromkeys(s for f in full if set(f.recipients) & set(recipients) for s in f.suppliers))
    if len(theirs) > 1:
        return None
    return theirs[0] if theirs else main


def _others_outright(sent: Span, own: set[str], index: dict[int, ActorMention]) -> bool:
    """Whether the sentence names by name or capital (not only by a national
    adjective) a party outside ``own``."""
    for i in range(sent.start, sent.end):
        m = index.get(i)
        if m is not None and m.code not in own and m.form != DEMONYM:
            return True
    return False


def _named_outright(sent: Span, codes: set[str], index: dict[int, ActorMention]) -> bool:
    """Whether the sentence names each party by name or capital, not only by
    a national adjective."""
    forms: dict[str, set[str]] = {}
    for i in range(sent.start, sent.end):
        m = index.get(i)
        if m is not None and m.code in codes:
            forms.setdefault(m.code, set()).add(m.form)
    return all(forms.get(c, set()) - {DEMONYM} for c in codes)


def _previous_report(full: list[Candidate], cand: Candidate, sent_no: dict[int, int]) -> Candidate | None:
    """The last report naming both sides in the two sentences before ``cand``'s."""
    here = sent_no.get(cand.sent.start, 0)
    before = [c for c in full if 0 < here - sent_no.get(c.sent.start, here) <= CARRY_SENTENCES]
    return max(before, key=lambda c: (c.sent.start, c.trigger.i)) if before else None


def _needs_arms(sent: Span, code: str, index: dict[int, ActorMention]) -> bool:
    """Whether a party of the sentence is on the receiving end without a supply
    word: the subject of "need", "want", "ask for" ("Ukraine needed many more")."""
    for i in range(sent.start, sent.end):
        m = index.get(i)
        if m is None or m.code != code or i != m.token_end - 1 or m.form == DEMONYM:
            continue
        tok = sent.doc[i]
        while tok.dep_ in {"compound", "poss", "conj", "appos"} and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "nsubj":
            continue
        verb = tok.head
        if verb.lemma_.lower() in NEED_VERBS:
            return True
        # "Kyiv said it needed many more"
        if any(c.dep_ == "ccomp" and c.lemma_.lower() in NEED_VERBS
               and any(g.dep_ == "nsubj" and g.lower_ in {"it", "they", "we"} for g in c.children)
               for c in verb.children):
            return True
    return False


# Determiners and pronouns that point back to the story's arms: "signed for
# the system", "placed an order for it".
_BACK_DETS = frozenset({"the", "these", "those", "its", "their"})
_BACK_PRONOUNS = frozenset({"it", "them"})


def _for_objects(trigger: Token) -> list[Token]:
    return [g for p in trigger.children if p.dep_ in PREP_DEPS and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"]


def _story_arms(tok: Token) -> bool:
    """"the system", "these jets", "it": arms the story named before."""
    if tok.lower_ in _BACK_PRONOUNS:
        return True
    return arms_like(tok) and any(c.dep_ in {"det", "poss"} and c.lower_ in _BACK_DETS for c in tok.children)


def _names_arms(trigger: Token) -> bool:
    """Whether a trigger's phrase names arms: a system, or an arms word with "the"
    pointing back to the story's system (for a buyer's act, "it" too: "signed
    for the system", "placed an order for it")."""
    if trigger.pos_ in {"VERB", "AUX"}:
        # The arms the verb moves, not everything hanging off it.
        moved = objects_of(trigger) + with_objects(trigger)
        if any(named_systems(phrase_text(o)) for o in moved):
            return True
        if trigger.lemma_.lower() in _ACQUIRE_WORDS or trigger.lemma_.lower() == "sign":
            return any(_story_arms(o) for o in moved + _for_objects(trigger))
        return False
    if named_systems(phrase_text(trigger)):
        return True
    if trigger.lemma_.lower() in _ACQUIRE_WORDS and any(_story_arms(o) for o in _for_objects(trigger)):
        return True
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return any(
            c.dep_ in PREP_DEPS and c.lower_ == "of" and any(arms_like(g) for g in c.children if g.dep_ == "pobj")
            for c in trigger.children
        )
    return False
