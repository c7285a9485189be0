"""Arms transfers from the dependency parse: who supplies whom, and how far along.

Each sentence is searched for supply *triggers*: verbs ("X supplies/delivers/
sells/hands Y", "Y buys/orders/receives from X", passives and participles
"tanks supplied by X"), nouns ("X's deliveries of S-400s to Y", "Y's purchase of
Rafales from X", "arms sales to Y") and signed deals ("Y signed a contract with
X for Patriots"). Roles come from the parse (subject, "to"/"from"/"with"
phrases, possessors, national adjectives), never from mere co-occurrence; when a
sentence names only the recipient, the maker of the weapon it names stands in
for the supplier ("Greece signs deal for 18 Rafale fighters").

The article gives one row per (supplier, recipient) pair, taken from the first
sentence whose status is decided by a word rather than by default: the headline
deal when the headline reports it. A supplier that denies a reported supply
("Ankara has denied that the ship was carrying arms") turns its rows to denied.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import COMPANY, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..text.metadata import DATELINE_RE, is_headline_line
from ..text.nlp import doc_text
from ..vocab import words
from ..vocab.lexicon import (
    ACQUIRE_NOUNS,
    ACQUIRE_VERBS,
    ARRIVAL_VERBS,
    AWARD_VERBS,
    BUILD_FOR_VERBS,
    CARRY_VERBS,
    CONTENTS_VERBS,
    DEAL_VERBS,
    JOIN_VERBS,
    LICENCE_NOUNS,
    NEGOTIATE_OVER,
    NEGOTIATE_VERBS,
    NEGOTIATION_NOUNS,
    OPERATE_VERBS,
    PREP_DEPS,
    PROGRAMME_SUPPLIERS,
    REQUEST_VERBS,
    SIGN_FOR_VERBS,
    SIGN_FORMS,
    SOURCE_NOUNS,
    SUPPLY_NOUNS,
    SUPPLY_VERBS,
    SUSPEND_VERBS,
    WIN_VERBS,
)
from .context import story_suppliers
from .deal_triggers import (
    award_candidate,
    build_for_candidate,
    deal_candidate,
    funding_candidate,
    misparsed_deal,
    negotiate_candidate,
    reliance_candidate,
    select_candidate,
    talks_candidate,
    weigh_candidate,
    interest_candidate,
    sign_for_candidate,
    win_candidate,
)
from .embargoes import embargo_transfers
from .follows import follower_candidates
from .gapping import gapped_suppliers
from .list_context import context_list_transfers
from .lists import listed_transfers
from .made import made_transfers
from .partials import complete_partials, sentence_parties
from .permissions import permission_transfers
from .phrases import arms_like, maker_codes, names_exports, objects_of, phrase_text
from .roles import MentionIndex, subject_codes
from .scored import scored_transfers
from .secondary import secondary_transfers
from .shares import share_candidate
from .status import CONSIDERING, CONTRACTED, DELIVERED, DENIED, PLANNED, SUSPENDED, is_denial, trigger_status
from .triggers import Candidate, contents_candidate, noun_candidate, onlooker_codes, verb_candidate
from .warfare import border_only, speaker_only, war_only
from .weapons import named_systems, origin_of, weapon_origin, weapons_in


def _definite_object(trigger: Token) -> bool:
    """Whether the arms a trigger names are "the jets", "the system": the story's."""
    for t in trigger.subtree:
        if t.lower_ in {"the", "these", "those"} and t.dep_ == "det" and arms_like(t.head) and not named_systems(phrase_text(t.head)):
            return True
    return False


def _fill_from_weapons(cand: Candidate, headline_origin: str | None, index: MentionIndex) -> None:
    """A sentence that names the recipient but not the supplier: the maker of the
    weapons it names supplies ("Greece signs deal for 18 Rafale fighters")."""
    if cand.suppliers or not cand.recipients or cand.trigger.lemma_.lower() in SOURCE_NOUNS:
        return
    if _speaker_gives(cand.trigger):
        # "we handed 19 F-16s over": the speaker's state gives, whoever made the jets
        return
    origin = origin_of(phrase_text(cand.trigger))
    if origin is None and headline_origin and _definite_object(cand.trigger):
        # "Turkey, which had planned to buy about 100 of the jets": the jets of the story.
        origin = headline_origin
    origin = origin or origin_of(columns.text_of(cand.sent))
    if origin and cand.trigger.pos_ in {"NOUN", "PROPN"} and origin in onlooker_codes(cand.trigger, index):
        # "Moscow could read a transfer of MiG-29s to Ukraine as escalatory"
        return
    if origin:
        cand.suppliers = [origin]
        cand.confidence = 0.55


# Pronouns for the side that speaks: its state is the giver, not the weapon's maker.
SPEAKER_PRONOUNS = frozenset({"i", "we"})


def _speaker_gives(trigger: Token) -> bool:
    """Whether a supply verb's giver is the speaker ("we have sent", "I delivered")."""
    if trigger.lemma_.lower() not in SUPPLY_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS for c in trigger.children)


def _programme_supplier(sent: Span) -> list[str]:
    """The state whose arms-export programme the sentence names ("a possible
    Foreign Military Sale to the Government of India"): that state supplies."""
    text = columns.text_of(sent)
    return list(dict.fromkeys(code for name, code in PROGRAMME_SUPPLIERS.items() if name in text))[:1]


def _company_back(trigger: Token, companies: list[ActorMention]) -> list[str]:
    """"The company has also sold three Ankas to Tunisia": the state of the
    last arms maker named before the trigger's subject "the company"."""
    subj = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() not in words()["company_anaphors"] \
            or not any(c.lower_ == "the" for c in subj.children):
        return []
    before = [m for m in companies if m.token_end <= subj.i]
    return [before[-1].code] if before else []


# Verbs that call off a deal; not "hold", "cut" or "end", which take other objects.
DROP_DEAL_VERBS = SUSPEND_VERBS - {"hold", "cut", "end", "curb", "restrict", "ban", "bar", "embargo", "block"}
RELIANCE_VERBS = words()["reliance_verbs"]
SHARE_VERBS = words()["share_verbs"]
SELECT_VERBS = words()["select_verbs"]
WEIGH_VERBS = words()["weigh_verbs"]
INTEREST_WORDS = words()["interest_words"]
FUNDING_VERBS = words()["funding_verbs"]
# Unions the candidate loop tests on every token, built once.
_VERB_TRIGGERS = SUPPLY_VERBS | CARRY_VERBS | ACQUIRE_VERBS | ARRIVAL_VERBS | OPERATE_VERBS | JOIN_VERBS | REQUEST_VERBS \
    | frozenset(words()["turn_to_verbs"])
_NOUN_TRIGGERS = SUPPLY_NOUNS | ACQUIRE_NOUNS | SOURCE_NOUNS


def find_candidates(doc: Doc, mentions: list[ActorMention]) -> list[Candidate]:
    """Every sentence-level supply report with at least one party on each side."""
    index = mention_index(mentions)
    sents = list(doc.sents)
    headline = _headline_sentence(sents)
    headline_origin = origin_of(headline.text) if headline is not None else None
    out: list[Candidate] = []
    partial: list[Candidate] = []
    companies = [m for m in mentions if m.form == COMPANY]
    pos_of, tags, lemmas, lowers = columns.pos(doc), columns.tags(doc), columns.lemmas(doc), columns.lowers(doc)
    # the mentioned tokens in text order: a sentence without one is skipped
    positions = sorted(index)
    for sent in sents:
        first = bisect_left(positions, sent.start)
        if first == len(positions) or positions[first] >= sent.end:
            continue
        for i in range(sent.start, sent.end):
            pos, lemma = pos_of[i], lemmas[i]
            verbal = pos in {"VERB", "AUX"} or (tags[i] in {"VBN", "VBG", "VBD", "VBZ", "VBP", "VB"})
            # most words are no trigger by any of the tests below
            if verbal:
                maybe = lemma in DEAL_VERBS or lemma in DROP_DEAL_VERBS or lemma in RELIANCE_VERBS or lemma in FUNDING_VERBS or lemma in CONTENTS_VERBS or lemma in _VERB_TRIGGERS or lemma in SIGN_FOR_VERBS \
                    or lemma in BUILD_FOR_VERBS or lemma in NEGOTIATE_VERBS or lemma in AWARD_VERBS or lemma in WIN_VERBS or lemma in SHARE_VERBS or lemma in SELECT_VERBS \
                    or lemma in WEIGH_VERBS or lemma in INTEREST_WORDS
            else:
                maybe = (pos in {"NOUN", "PROPN"} and lemma in _NOUN_TRIGGERS) \
                    or (pos == "NOUN" and (lemma in LICENCE_NOUNS or lemma in NEGOTIATION_NOUNS)) or lowers[i] in SIGN_FORMS \
                    or lemma in INTEREST_WORDS
            if not maybe:
                continue
            tok = doc[i]
            cand = None
            if verbal:
                cand = award_candidate(tok, index, index) if lemma in AWARD_VERBS else None
                if cand is None and lemma in SHARE_VERBS:
                    cand = share_candidate(tok, index)
                if cand is None and lemma in SELECT_VERBS:
                    cand = select_candidate(tok, index, index)
                if cand is None and lemma in WEIGH_VERBS:
                    cand = weigh_candidate(tok, index, index)
                if cand is None and lemma in INTEREST_WORDS:
                    cand = interest_candidate(tok, index, index)
                if cand is None and lemma in DEAL_VERBS:
                    cand = deal_candidate(tok, index, index)
                if cand is None and lemma in FUNDING_VERBS:
                    cand = funding_candidate(tok, index)
                if cand is None and lemma in RELIANCE_VERBS:
                    cand = reliance_candidate(tok, index, index)
                if cand is None and lemma in DROP_DEAL_VERBS:
                    # "Australia scrapped the French submarine deal": the parties of
                    # a deal called off, as for a signing, and the deal suspended
                    cand = deal_candidate(tok, index, index)
                    if cand is not None:
                        cand.status, cand.strength = SUSPENDED, 2
                if cand is None and lemma in CONTENTS_VERBS:
                    cand = contents_candidate(tok, index, index)
                if cand is None and lemma in _VERB_TRIGGERS:
                    cand = verb_candidate(tok, index, index)
                if cand is None and lemma in SIGN_FOR_VERBS:
                    cand = sign_for_candidate(tok, index, index)
                if cand is None and lemma in BUILD_FOR_VERBS:
                    cand = build_for_candidate(tok, index, index)
                if cand is None and lemma in WIN_VERBS:
                    cand = win_candidate(tok, index, index)
                if cand is None and lemma in NEGOTIATE_VERBS:
                    cand = negotiate_candidate(tok, index, index, NEGOTIATE_OVER)
            elif pos in {"NOUN", "PROPN"} and lemma in _NOUN_TRIGGERS:
                cand = noun_candidate(tok, index, index)
            elif pos == "NOUN" and lemma in LICENCE_NOUNS and names_exports(tok):
                cand = noun_candidate(tok, index, index)
            elif pos == "NOUN" and lemma in NEGOTIATION_NOUNS:
                cand = talks_candidate(tok, index, index, NEGOTIATE_OVER)
            elif tok.lower_ in SIGN_FORMS:
                cand = misparsed_deal(tok, index)
            if cand is None and not verbal and lemma in INTEREST_WORDS:
                cand = interest_candidate(tok, index, index)
            if cand is None:
                continue
            if _reexport(tok):
                # the state that made the arms is not the one re-exporting them
                # ("Germany gave its partners the green light to re-export the
                # German-made tanks")
                makers = set(_makers_of(tok, index))
                cand.suppliers = [s for s in cand.suppliers if s not in makers]
            else:
                if not cand.suppliers and cand.recipients:
                    cand.suppliers = _company_back(tok, companies)
                    if cand.suppliers:
                        cand.confidence = 0.55
                if not cand.suppliers and cand.recipients:
                    cand.suppliers = _programme_supplier(sent)
                _fill_from_weapons(cand, headline_origin, index)
            # "getting the capabilities it needs to beat back the Russian assault":
            # a party the sentence names only as a side of the war gives nothing
            cand.suppliers = [s for s in cand.suppliers if s and not war_only(sent, s, index)]
            is_headline = headline is not None and sent.start == headline.start
            if not cand.status:
                cand.status, cand.strength = trigger_status(tok, headline=is_headline)
            # The arms of this report only: the trigger's phrase, or for a participle
            # ("tanks supplied by X") the phrase it modifies.
            scope = tok.head if tok.dep_ in {"acl", "relcl"} else tok
            cand.weapons = weapons_in(_own_text(scope))
            if cand.suppliers and cand.recipients and verbal:
                gapped = gapped_suppliers(tok, cand.suppliers, index)
                if gapped:
                    cand.recipients = [r for r in cand.recipients if r not in gapped]
                    out += [Candidate([g], list(cand.recipients), cand.status, cand.strength, sent, tok,
                                      weapons=list(cand.weapons), confidence=0.55) for g in gapped]
            if cand.suppliers and cand.recipients:
                out.append(cand)
            elif (cand.suppliers or cand.recipients) and not cand.undirected:
                partial.append(cand)
    story_suppliers(out, index)
    out += complete_partials(out, partial, index, {s.start: i for i, s in enumerate(sents)})
    out += follower_candidates(out, index)
    out.sort(key=lambda c: (c.sent.start, c.trigger.i))
    return out


# Clauses of a verb that are other events: their arms are not the verb's
# ("Germany delivered IRIS-T systems, and Kyiv said it needed Patriots").
OTHER_EVENT_DEPS = frozenset({"advcl", "cc", "ccomp", "conj", "parataxis"})


def _own_text(tok: Token) -> str:
    """A trigger's phrase without the clauses joined to it that report other events."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return phrase_text(tok)
    skip = {t.i for c in tok.children if c.dep_ in OTHER_EVENT_DEPS for t in c.subtree}
    return " ".join(t.text for t in tok.subtree if t.i not in skip)


# Statuses a later report may move on from, and the moves it may make.
CHANGEABLE = frozenset({PLANNED, CONTRACTED, CONSIDERING})
# A later halt is often history ("the 2013 delivery was halted"), so only a
# delivery moves a plan on.
CHANGES = frozenset({DELIVERED})


def _reexport(tok: Token) -> bool:
    """"re-export", written as one token or split at the hyphen."""
    doc = tok.doc
    return tok.lower_.startswith("re-") or (
        tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "re")


def _makers_of(tok: Token, index: dict[int, ActorMention]) -> list[str]:
    """States that made the arms a trigger moves: "German-made tanks", "Leopards"."""
    things = objects_of(tok) + [g for p in tok.children if p.dep_ in PREP_DEPS and p.lower_ == "of"
                                for g in p.children if g.dep_ == "pobj"]
    out = [c for t in things for c in maker_codes(t, index, index)]
    out += [o for t in things if (o := origin_of(phrase_text(t)))]
    return out


def _headline_sentence(sents: list[Span]) -> Span | None:
    """The first sentence that is a line of its own with a few words: the headline."""
    for s in sents[:10]:
        text = s.text.strip()
        if "\n" in text or not is_headline_line(text):
            continue
        line_end = s.end >= len(s.doc) or "\n" in s.text[len(text.rstrip()):] or "\n" in s.doc[s.end - 1].whitespace_ or s.doc[s.end].is_space
        if line_end and not text.endswith("."):
            return s
    return None


def _denying_suppliers(doc: Doc, mentions: list[ActorMention]) -> set[str]:
    """Parties that deny a reported supply of theirs anywhere in the article."""
    index = mention_index(mentions)
    out: set[str] = set()
    for i, pos in enumerate(columns.pos(doc)):
        if pos != "VERB":
            continue
        tok = doc[i]
        if is_denial(tok):
            out.update(subject_codes(tok, index))
    return out


def _later_change(best: Candidate, cands: list[Candidate]) -> str | None:
    """A later report that the same arms were delivered changes the
    lead's plan or contract ("... signed a deal for K2 tanks" then "the first
    K2 tanks were delivered in December"). Other later reports leave the lead's
    status alone."""
    if best.status not in CHANGEABLE:
        return None
    for c in sorted(cands, key=lambda c: c.sent.start):
        if c.sent.start <= best.sent.start or c.strength < 2 or c.confidence < 0.5:
            continue
        if c.status in CHANGES and c.weapons and set(c.weapons) & set(best.weapons):
            return c.status
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


# What is left of a dateline when the city went into the sentence before.
AGENCY_PREFIX_RE = re.compile(r"^\([A-Za-z][\w .\-]*\)\s*[\u2014\u2013\-]{1,2}\s+")


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    """The sentence without surrounding space or an opening dateline
    ("BERLIN (Reuters) - "), which is the story's, not the evidence's."""
    text = columns.text_of(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    text = doc_text(sent.doc)[start:end]
    dateline = DATELINE_RE.match(text) or AGENCY_PREFIX_RE.match(text)
    if dateline and dateline.end() < end - start:
        start += dateline.end()
    return start, end


def extract_transfers(doc: Doc, mentions: list[ActorMention]) -> list[TransferRecord]:
    """One row per (supplier, recipient) pair the article reports, in text order."""
    candidates = find_candidates(doc, mentions)
    directed = {(s, r) for c in candidates if not c.undirected for s in c.suppliers for r in c.recipients}
    by_pair: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        for s in c.suppliers:
            for r in c.recipients:
                if s == r:
                    continue
                pair = (s, r)
                if c.undirected:
                    # A deal between two parties counts for the direction reported elsewhere.
                    if (s, r) in directed:
                        pair = (s, r)
                    elif (r, s) in directed:
                        pair = (r, s)
                    else:
                        continue
                by_pair.setdefault(pair, []).append(c)
    denying = _denying_suppliers(doc, mentions)
    index = mention_index(mentions)
    sent_no = {sent.start: i for i, sent in enumerate(doc.sents)}
    shelved = _shelvings(doc, index)
    rows: list[tuple[int, TransferRecord]] = []
    for (s, r), cands in by_pair.items():
        # The first sentence with a decided status; within it, the main clause.
        # A report naming both sides beats one completed from context ("The jets
        # would be armed with PL-15 missiles, also supplied by China").
        best = max(cands, key=lambda c: (c.strength, c.confidence >= 0.5, -c.sent.start, -_depth(c.trigger)))
        status = _later_change(best, cands) or best.status
        if status != SUSPENDED and _shelved_later(max(c.sent.start for c in cands), r, shelved, sent_no):
            status = SUSPENDED
        if s in denying and status != CONTRACTED:
            status = DENIED
        weapons = list(dict.fromkeys(w for c in cands for w in c.weapons))
        # Systems named elsewhere in the evidence sentences ("in a move that would
        # include Javelin missiles") count when their maker is the supplier; a
        # system of unknown make only when the sentence names no other party.
        for c in cands:
            only_pair = set(sentence_parties(c.sent, index)) <= {s, r}
            for _s, _e, name in named_systems(columns.text_of(c.sent)):
                origin = weapon_origin(name)
                if name not in weapons and (origin == s or (origin is None and only_pair)):
                    weapons.append(name)
        start, end = _sentence_bounds(best.sent)
        conf = min(0.95, best.confidence + 0.05 * (len(cands) - 1))
        rows.append((min(c.sent.start for c in cands), TransferRecord(
            supplier=s, recipient=r, status=status, weapons=weapons,
            evidence=doc_text(doc)[start:end], start=start, end=end, confidence=round(conf, 2),
        )))
    rows.sort(key=lambda x: (x[0], x[1].supplier, x[1].recipient))
    return [r for _i, r in rows]


def extract_passing_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """The pairs named in passing that ``found`` (``extract_transfers``) lacks."""
    return secondary_transfers(doc, mentions, found, _sentence_bounds)


def extract_listed_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """The pairs the lists of parties beside ``found``'s add (``lists``)."""
    return listed_transfers(doc, mentions, found, _sentence_bounds)


def extract_context_lists(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """Givers listed with amounts or as donors, to the recipient before (``list_context``)."""
    return context_list_transfers(doc, mentions, found, _sentence_bounds)


def extract_embargoes(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """The embargoes the article names that ``found`` lacks (``embargoes``)."""
    return embargo_transfers(doc, mentions, found, _sentence_bounds)


def extract_permissions(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """Consents to pass arms on that ``found`` lacks (``permissions``)."""
    return permission_transfers(doc, mentions, found, _sentence_bounds)


def extract_made_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """Arms made by one state held by another that ``found`` lacks (``made``)."""
    return made_transfers(doc, mentions, found, _sentence_bounds)


def extract_scored_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord]) -> list[TransferRecord]:
    """Pairs the learned model finds that ``found`` lacks (``scored``)."""
    return scored_transfers(doc, mentions, found, _sentence_bounds)


def extract_more_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord], *,
                           scored: bool = True) -> list[TransferRecord]:
    """The weaker rows beside the triggers' ``found``, each step seeing the rows
    before it: pairs named in passing, lists, embargoes, consents, made-in, then (unless
    ``scored`` is off, as when the model is being trained) the learned model's."""
    more: list[TransferRecord] = []
    for step in (extract_passing_transfers, extract_listed_transfers, extract_context_lists, extract_embargoes,
                 extract_permissions, extract_made_transfers):
        more += step(doc, mentions, found + more)
    if scored:
        more += _without_war_sides(doc, mentions, extract_scored_transfers(doc, mentions, found + more))
    return more


def _without_war_sides(doc: Doc, mentions: list[ActorMention], rows: list[TransferRecord]) -> list[TransferRecord]:
    """The rows whose sentence names both sides as more than the sides of a war
    ("since Russia invaded": Russia gives nothing there)."""
    index = mention_index(mentions)
    out = []
    for r in rows:
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        sent = span[0].sent if span is not None and len(span) else None
        if sent is not None and any(test(sent, code, index) for test in (war_only, speaker_only, border_only)
                                    for code in (r.supplier, r.recipient)):
            continue
        if sent is not None and r.supplier in _onlookers(sent, index):
            continue
        out.append(r)
    return out


def _onlookers(sent: Span, index: MentionIndex) -> set[str]:
    """The parties a sentence names only as reacting to a supply ("Moscow could
    read a transfer of MiG-29s to Ukraine as escalatory"): no givers there."""
    return {code for tok in sent if tok.pos_ == "NOUN" and tok.lemma_.lower() in SUPPLY_NOUNS
            for code in onlooker_codes(tok, index)}


# Nouns for a deal as a whole that a later sentence can call off ("Fernandez
# shelved the purchase in 2022").
_WHOLE_DEAL_NOUNS = frozenset({"purchase", "sale", "deal", "order", "contract", "acquisition", "plan"})


def _shelvings(doc: Doc, index: MentionIndex) -> list[tuple[int, set[str]]]:
    """Sentences that call off "the purchase" or "the deal" without naming a
    second party: their start and the parties they name (at most the buyer)."""
    out = []
    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in DROP_DEAL_VERBS or _negated(tok) \
                    or not _main_clause(tok):
                continue  # not "no word that the contract was cancelled"
            obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if obj is None or obj.lemma_.lower() not in _WHOLE_DEAL_NOUNS \
                    or not any(d.dep_ == "det" and d.lower_ == "the" for d in obj.children):
                continue
            named = set(sentence_parties(sent, index))
            if len(named) <= 1:
                out.append((sent.start, named))
                break
    return out


def _main_clause(tok: Token) -> bool:
    """Whether ``tok`` is the sentence's root or joined to it by "and"."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ == "ROOT"


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _shelved_later(last: int, recipient: str, shelved: list[tuple[int, set[str]]], sent_no: dict[int, int]) -> bool:
    """Whether a sentence within two after the pair's last report calls the deal
    off, naming no party or only the pair's recipient."""
    for start, named in shelved:
        gap = sent_no.get(start, 0) - sent_no.get(last, 0)
        if 0 < gap <= 2 and named <= {recipient}:
            return True
    return False
