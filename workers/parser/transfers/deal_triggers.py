"""Deal triggers: arms supply reported through a deal rather than a supply verb.

A signed contract ("Y signed a contract with X for Patriots"), a purchase paid by a
third state, reliance on a supplier, a deal the parse split oddly, "signed for"
and "build for" reports, negotiations and awarded contracts. Each builder reads
one trigger word and returns a ``triggers.Candidate`` or None, as the builders in
``triggers.py`` do.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..catalogue.actors import COMPANY, ActorMention
from ..vocab import words
from ..vocab.lexicon import ACQUIRE_NOUNS, DEAL_NOUNS, MILITARY_MODIFIERS, PLANNED_MODALS, PREP_DEPS, WIN_NOUNS
from .phrases import arms_like, maker_codes, objects_of, owner_codes, phrase_text, pobj_codes, prep_codes, with_objects
from .roles import MentionIndex, conj_group, phrase_codes, subject_codes, subject_token
from .status import CONSIDERING, CONTRACTED, PLANNED
from .triggers import COMPANY_NOUNS, Candidate
from .weapons import named_systems, origin_of

BID_NOUNS = words()["bid_nouns"]

def deal_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Y signed a contract with X for Z", "the contract that X signed with Y"."""
    deals = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in DEAL_NOUNS]
    if not deals and verb.dep_ == "relcl":
        # "the contract for S-400 systems that Moscow signed": the relative clause
        # may hang off the deal's "for" object rather than the deal.
        noun = verb.head
        for _ in range(3):
            if noun.lemma_.lower() in DEAL_NOUNS:
                deals = [noun]
                break
            noun = noun.head
    if not deals:
        return None
    signer = subject_codes(verb, index)
    partners = [c for d in deals for c in prep_codes(d, frozenset({"with"}), index, depth=0)]
    partners += [c for c in verb.children if c.dep_ in PREP_DEPS and c.lower_ == "with" for c in pobj_codes(c, index)]
    if not partners:
        # "signed the contract for 18 jets with the Defence Ministry": the parser
        # may hang the partner on the arms the deal is for
        partners = [c for p in [*verb.children, *(g for d in deals for g in d.children)]
                    if p.dep_ in PREP_DEPS and p.lower_ == "for"
                    for g in p.children if g.dep_ == "pobj" and arms_like(g)
                    for w in g.children if w.dep_ in PREP_DEPS and w.lower_ == "with" for c in pobj_codes(w, index)]
    company_partner = any(m.form == COMPANY for t in verb.subtree if (m := mentions.get(t.i)) and m.code in partners)
    # "signed a contract with a Turkish company": a maker named by its nation
    company_partner = company_partner or any(
        g.lemma_.lower() in COMPANY_NOUNS and any((m := mentions.get(c.i)) and m.code in partners for c in g.children)
        for p in [c for d in deals for c in d.children] + list(verb.children)
        if p.dep_ in PREP_DEPS and p.lower_ == "with" for g in p.children if g.dep_ == "pobj")
    subject = subject_token(verb)
    skip = {t.i for t in subject.subtree} if subject is not None and subject.head.i == verb.i else set()
    text = " ".join(phrase_text(d) for d in deals) + " " + " ".join(t.text for t in verb.subtree if t.i not in skip)
    origin = origin_of(text)
    if not signer:
        return None
    if partners:
        if company_partner or (origin and origin in partners):
            return Candidate(partners, signer, "", 0, verb.sent, verb)
        if _company_subject(verb, mentions):
            # "Navantia signed a deal with the Philippine navy": an arms maker
            # signing with a state sells to it
            return Candidate(signer, partners, "", 0, verb.sent, verb)
        if origin and origin in signer:
            return Candidate(signer, partners, "", 0, verb.sent, verb)
        return Candidate(signer, partners, "", 0, verb.sent, verb, undirected=True)
    if origin and origin not in signer:
        return Candidate([origin], signer, "", 0, verb.sent, verb, confidence=0.6)
    # "Australia scrapped the French submarine deal": the nation the arms deal
    # is named after sells
    national = [m.code for d in deals if _arms_deal(d) for c in d.children
                if c.dep_ in {"amod", "compound", "nmod", "poss"} and (m := mentions.get(c.i)) is not None
                and m.form != COMPANY and m.code not in signer]
    if national:
        return Candidate(list(dict.fromkeys(national)), signer, "", 0, verb.sent, verb, confidence=0.5)
    return None


def _company_subject(verb: Token, mentions: dict[int, ActorMention]) -> bool:
    """Whether the subject of ``verb`` is an arms maker named by its name."""
    subject = subject_token(verb)
    return subject is not None and any(
        (m := mentions.get(t.i)) is not None and m.form == COMPANY for t in subject.subtree)


def reliance_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Algeria has long relied on Russian weapons": the subject gets its arms
    from the nation named on them; "relied on Moscow for its weapons": from the
    party it relies on for arms."""
    held = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
            for g in c.children if g.dep_ == "pobj" and arms_like(g) and g.lower_ not in {"them", "it", "these", "those"}]
    suppliers = [c for g in held for c in owner_codes(g, index) + maker_codes(g, index, mentions)]
    if not held and any(g.dep_ == "pobj" and arms_like(g) for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"
                        for g in p.children):
        # "Algeria has long relied on Moscow for its weapons": the party relied on supplies
        suppliers = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "on" for c in pobj_codes(p, index)]
    recipients = subject_codes(verb, index)
    suppliers = [c for c in dict.fromkeys(suppliers) if c not in recipients]
    if not suppliers or not recipients:
        return None
    return Candidate(suppliers, recipients, "", 0, verb.sent, verb, confidence=0.5)


_PRONOUN_ARMS = frozenset({"them", "it", "these", "those"})


def _paid_purchases(verb: Token) -> list[Token]:
    """Purchases a funding verb pays for: "funds the purchase of shells",
    "will pay for the purchase of a NASAMS system"."""
    out = [o for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in ACQUIRE_NOUNS]
    out += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in ACQUIRE_NOUNS]
    return out


def _funded_by(verb: Token, index: MentionIndex) -> Candidate | None:
    """"(NASAMS delivered to Ukraine,) paid for by the United States", "the
    tanks, funded by the Netherlands, were delivered to Ukraine": the agent of a
    passive funding verb supplies the party the clause it hangs on delivers to."""
    payers = [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
    payers += [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"
               for a in p.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
    if not payers:
        return None
    clause = verb.head
    if verb.dep_ == "acl" and clause.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        clause = clause.head  # the arms the participle describes, then their verb
    if clause.pos_ not in {"VERB", "AUX"} or not any(arms_like(t) for t in clause.subtree):
        return None
    recipients = prep_codes(clause, frozenset({"to", "for"}), index, depth=1)
    recipients = [c for c in recipients if c not in payers]
    if not recipients:
        return None
    return Candidate(list(dict.fromkeys(payers)), list(dict.fromkeys(recipients)), "", 0, verb.sent, verb,
                     confidence=0.5)


def funding_candidate(verb: Token, index: MentionIndex) -> Candidate | None:
    """"Germany will pay for two Patriot systems for Ukraine", "Norway funds
    drones for Kyiv", "Germany will fund the purchase of shells for Ukraine":
    the payer supplies the party the arms are for."""
    if any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ in {"acl", "advcl"} and verb.tag_ == "VBN":
        return _funded_by(verb, index)
    purchases = _paid_purchases(verb)
    heads = [verb, *purchases]
    arms = [o for o in objects_of(verb) if arms_like(o) and o.lower_ not in _PRONOUN_ARMS]
    arms += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}
             for g in c.children if g.dep_ == "pobj" and arms_like(g) and g.lower_ not in _PRONOUN_ARMS]
    if not arms:
        return None
    # the party the arms are for, on the verb, the purchase or the arms
    recipients = [c for h in [*heads, *arms] for p in h.children if p.dep_ == "prep" and p.lower_ in {"for", "to"}
                  for g in p.children if g.dep_ == "pobj" and not arms_like(g) and g.lemma_.lower() not in ACQUIRE_NOUNS
                  for c in phrase_codes(g, index)]
    suppliers = [c for c in subject_codes(verb, index) if c not in recipients]
    if not suppliers or not recipients:
        return None
    # "will pay for": a promise to pay, not a payment made under a contract
    planned = any(c.dep_ == "aux" and c.lower_ in PLANNED_MODALS for c in verb.children)
    return Candidate(suppliers, list(dict.fromkeys(recipients)), PLANNED if planned else "", 2 if planned else 0,
                     verb.sent, verb, confidence=0.5)


def _arms_deal(deal: Token) -> bool:
    """A deal noun whose own words name arms ("the submarine deal", "the arms
    contract", "the S-400 deal"), not "the gas deal"."""
    return any(c.dep_ in {"amod", "compound", "nmod"} and (arms_like(c) or c.lemma_.lower() in MILITARY_MODIFIERS)
               for c in deal.children) or bool(named_systems(phrase_text(deal)))


def misparsed_deal(token: Token, index: MentionIndex) -> Candidate | None:
    """Headlines the tagger misreads ("Slovakia signs deal for 14 F-16 jets" with
    "signs" as a plural noun): a party right before the word, a deal word right
    after it, and the maker of the systems named after that."""
    sent = token.sent
    after = [t for t in sent if token.i < t.i <= token.i + 3]
    deal = next((t for t in after if t.lemma_.lower() in DEAL_NOUNS or t.lower_ in DEAL_NOUNS), None)
    before = [index[i].code for i in range(max(sent.start, token.i - 3), token.i) if i in index]
    if deal is None or not before:
        return None
    rest = token.doc[deal.i : sent.end]
    partners = [index[t.i].code for t in rest if t.i in index and t.i > deal.i]
    origin = origin_of(rest.text)
    signer = [before[-1]]
    if partners and (origin is None or origin in partners):
        return Candidate(partners[:1], signer, CONTRACTED, 2, sent, token, confidence=0.55)
    if origin and origin not in signer:
        return Candidate([origin], signer, CONTRACTED, 2, sent, token, confidence=0.55)
    return None


def sign_for_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Malaysia signed for 18 FA-50s", "Thailand signed for 28 Chinese VT-4
    tanks", "Croatia signed for 12 Rafales from France": signing *for* arms
    buys them. The signer receives; the seller is the "from" party, the maker
    named in the phrase, or the maker of the system. Less sure than a
    supply verb."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return None
    things = _arms_after_for(verb)
    if not things:
        return None
    recipients = subject_codes(verb, index)
    if not recipients:
        return None
    suppliers = prep_codes(verb, frozenset({"from"}), index, depth=0)
    for g in things:
        suppliers += prep_codes(g, frozenset({"from"}), index, depth=1) + maker_codes(g, index, mentions)
        if not suppliers and (origin := origin_of(phrase_text(g))):
            suppliers.append(origin)
    # With no seller in the sentence ("the UAE signed for the system"), a
    # report with one side, for the story to complete.
    suppliers = [s for s in dict.fromkeys(suppliers) if s not in recipients]
    return Candidate(suppliers, recipients, CONTRACTED, 2, verb.sent, verb, confidence=0.6)


def build_for_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"China is building eight submarines for Pakistan", "frigates built for
    Greece by France", "jets made in Sweden for Thailand": who makes arms for a
    named party supplies them. The party after "for" receives; the subject (or
    the "by" agent, or the state they are made "in") supplies."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")
    if passive:
        moved = next((c for c in verb.children if c.dep_ == "nsubjpass"), verb.head if verb.dep_ == "acl" else None)
        things = [moved] if moved is not None and arms_like(moved) else []
        suppliers = [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
        if not suppliers:
            # "frigates built in Italy for Egypt": the state they are made in
            suppliers = [c for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "in" for c in pobj_codes(p, index)]
    else:
        things = [o for o in objects_of(verb) if arms_like(o)]
        suppliers = subject_codes(verb, index)
    if not things or not suppliers:
        return None
    fors = [p for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "for"]
    fors += [p for t in things for p in t.children if p.dep_ in PREP_DEPS and p.lower_ == "for"]
    recipients = [c for p in fors for g in p.children if g.dep_ == "pobj" and not arms_like(g)
                  for c in phrase_codes(g, index, pronouns=False)]
    recipients = [r for r in dict.fromkeys(recipients) if r not in suppliers]
    if not recipients:
        return None
    # building is a contract in execution; "will build" is still a plan
    future = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in verb.children)
    return Candidate(suppliers, recipients, PLANNED if future else CONTRACTED, 1, verb.sent, verb, confidence=0.6)


def negotiate_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention],
                        negotiate_over: frozenset[str]) -> Candidate | None:
    """"Bolivia is negotiating with Russia over military equipment": talks
    about arms between the subject and the "with" party. The maker of the arms
    (by a national word or a named system) supplies; else the subject is the
    buyer, as it mostly is."""
    partners = [c for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "with" for c in pobj_codes(p, index)]
    things = [g for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ in negotiate_over
              for g in p.children if g.dep_ == "pobj" and (arms_like(g) or named_systems(phrase_text(g)))]
    if not partners or not things:
        return None
    subject = subject_codes(verb, index)
    if not subject:
        return None
    makers = [c for g in things for c in maker_codes(g, index, mentions)]
    makers += [o for g in things if (o := origin_of(phrase_text(g)))]
    if makers and makers[0] in subject:
        suppliers, recipients = subject, [p for p in partners if p not in subject]
    else:
        suppliers, recipients = [p for p in partners if p not in subject], subject
    if not suppliers or not recipients:
        return None
    return Candidate(suppliers, recipients, CONSIDERING, 2, verb.sent, verb, confidence=0.55)


def award_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Poland awarded Hanwha a contract for 290 launchers", "gave Korea
    Aerospace Industries a letter of acceptance for 18 FA-50s": the party given
    the deal sells, the giver buys. Only a deal for arms counts."""
    deals = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in DEAL_NOUNS]
    if not deals:
        return None
    fors = [g for d in [verb, *deals] for p in d.children if p.dep_ in PREP_DEPS and p.lower_ == "for"
            for g in p.children if g.dep_ == "pobj"]
    if not any(arms_like(g) or named_systems(phrase_text(g)) for g in fors):
        return None
    winners = [c for o in verb.children if o.dep_ == "dative" and o.pos_ != "ADP" for c in phrase_codes(o, index)]
    winners += [c for p in verb.children if p.dep_ in {"dative", "prep"} and p.lower_ == "to" for c in pobj_codes(p, index)]
    buyers = [c for c in subject_codes(verb, index) if c not in winners]
    winners = [c for c in dict.fromkeys(winners) if c not in buyers]
    if not winners or not buyers:
        return None
    return Candidate(winners, buyers, CONTRACTED, 2, verb.sent, verb, confidence=0.6)


# Words before "win" that make it a hope or a bid, not a deal won.
_HOPE_AUX = frozenset({"will", "would", "could", "may", "might", "'ll"})


def win_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Naval Group won the contract for Brazil's submarines", "Hanwha secured
    an order from Poland for 290 launchers": an arms maker (by name, or "a
    South Korean shipbuilder") that wins a deal for arms sells. The buyer is
    the "from"/"with" party, a party the arms are "for", or their owner; a
    report with the seller only when the sentence names no buyer."""
    deals = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in WIN_NOUNS]
    subject = subject_token(verb)
    if not deals or subject is None:
        return None
    maker = _company_subject(verb, mentions) or subject.lemma_.lower() in COMPANY_NOUNS
    if not maker:
        return None
    suppliers = subject_codes(verb, index)
    if not suppliers:
        return None
    heads = [verb, *deals]
    recipients = [c for h in heads for p in h.children if p.dep_ in PREP_DEPS and p.lower_ in {"from", "with"}
                  for c in pobj_codes(p, index)]
    fors = [g for h in heads for p in h.children if p.dep_ in PREP_DEPS and p.lower_ == "for"
            for g in p.children if g.dep_ == "pobj"]
    if not any(arms_like(g) or named_systems(phrase_text(g)) for g in fors) \
            and not any(arms_like(c) for d in deals for c in d.children if c.dep_ in {"compound", "amod"}):
        return None
    for g in fors:
        recipients += owner_codes(g, index) if arms_like(g) or named_systems(phrase_text(g)) \
            else phrase_codes(g, index, pronouns=False)
        recipients += [c for p in g.children if p.dep_ in PREP_DEPS and p.lower_ == "for"
                       for c in pobj_codes(p, index)]
    recipients = [r for r in dict.fromkeys(recipients) if r not in suppliers]
    hoped = verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in _HOPE_AUX for c in verb.children)
    status = CONSIDERING if hoped else CONTRACTED
    return Candidate(suppliers, recipients, status, 2, verb.sent, verb, confidence=0.6)


def _arms_after_for(verb: Token) -> list[Token]:
    """The arms a verb takes through "for" ("signed for 12 Rafales", "opted for
    the K2"): objects of its "for" that are arms or name a system."""
    return [g for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "for"
            for g in p.children if g.dep_ == "pobj" and (arms_like(g) or named_systems(phrase_text(g)))]


def select_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Poland picked the Korean K2 tank", "Norway selected the South Korean K9
    howitzer", "Croatia opted for Rafales": a buyer that chooses arms plans to
    buy them from their maker (a national word, a maker's name or possessor,
    or the known maker of the system). Rival bids it passed over are no rows."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return None
    chosen = [o for o in objects_of(verb) if arms_like(o) or named_systems(phrase_text(o))]
    chosen += _arms_after_for(verb)
    if not chosen:
        return None
    recipients = subject_codes(verb, index)
    if not recipients:
        return None
    suppliers: list[str] = []
    for o in chosen:
        # "over rival bids", "instead of the F-35": the arms passed over are not chosen
        passed = {t.i for p in o.children if p.dep_ in PREP_DEPS and p.lower_ in {"over", "instead"} for t in p.subtree}
        suppliers += [c for c in maker_codes(o, index, mentions) + owner_codes(o, index)
                      if not any(t.i in passed for t in o.subtree if (m := mentions.get(t.i)) and m.code == c)]
        if not suppliers and (origin := origin_of(phrase_text(o))):
            suppliers.append(origin)
    suppliers = [s for s in dict.fromkeys(suppliers) if s not in recipients]
    if not suppliers:
        return None
    return Candidate(suppliers, recipients, PLANNED, 1, verb.sent, verb, confidence=0.55)


def talks_candidate(noun: Token, index: MentionIndex, mentions: dict[int, ActorMention],
                    negotiate_over: frozenset[str]) -> Candidate | None:
    """"Morocco is in talks with Israel over the Barak MX system", "Egypt held
    talks with Russia on buying Su-35 jets": talks about arms between the party
    that holds them and the "with" party, read as ``negotiate_candidate`` reads
    the verb."""
    partners = [c for p in noun.children if p.dep_ in PREP_DEPS and p.lower_ == "with" for c in pobj_codes(p, index)]
    things = []
    for p in noun.children:
        if p.dep_ not in PREP_DEPS or p.lower_ not in negotiate_over:
            continue
        for g in p.children:
            if g.dep_ == "pobj" and (arms_like(g) or named_systems(phrase_text(g))):
                things.append(g)
            elif g.dep_ == "pcomp":
                # "on buying Su-35 jets"
                things += [o for o in objects_of(g) if arms_like(o) or named_systems(phrase_text(o))]
    if not partners or not things:
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "is in talks"
    if verb.pos_ not in {"VERB", "AUX"} or noun.dep_ not in {"pobj", "dobj", "nsubj"}:
        return None
    subject = [c for c in subject_codes(verb, index) if c not in partners]
    if not subject:
        return None
    makers = [c for g in things for c in maker_codes(g, index, mentions)]
    makers += [o for g in things if (o := origin_of(phrase_text(g)))]
    if makers and makers[0] in subject:
        suppliers, recipients = subject, partners
    else:
        suppliers, recipients = partners, subject
    return Candidate(suppliers, recipients, CONSIDERING, 2, noun.sent, noun, confidence=0.55)


def _arms_phrase(token: Token) -> bool:
    """Arms, a named system, or something of arms: "submarine technology"."""
    return arms_like(token) or bool(named_systems(phrase_text(token))) \
        or any(c.dep_ == "compound" and arms_like(c) for c in token.children)


def _makers_listed(token: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> list[str]:
    """The makers a phrase of weighed arms names, every conjunct of a list
    included: "French, German and Japanese designs", "offers from France and
    Russia", "the Gripen and the Rafale" (their known makers)."""
    out: list[str] = []
    for t in token.subtree:
        m = mentions.get(t.i)
        if m is None:
            continue
        top = t
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        if top.dep_ in {"amod", "compound", "npadvmod", "nmod", "poss"} or m.form == COMPANY \
                or (top.dep_ == "pobj" and top.head.lower_ in {"from", "by"}):
            out.append(m.code)
    for g in conj_group(token):
        if (origin := origin_of(phrase_text(g))) is not None:
            out.append(origin)
    return list(dict.fromkeys(out))


def weigh_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Australia weighed French, German and Japanese designs", "India is
    considering offers from France and Russia for 114 fighters", "Brazil is
    comparing the Gripen with the Rafale": a buyer that weighs arms of several
    makers considers buying from each of them."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return None
    subject = subject_token(verb)
    skip = {t.i for t in subject.subtree} if subject is not None else set()
    names_arms = any(arms_like(t) for t in verb.subtree if t.i not in skip) or named_systems(phrase_text(verb))
    weighed = [g for o in objects_of(verb) + with_objects(verb) for g in conj_group(o)
               if _arms_phrase(g) or (g.lemma_.lower() in BID_NOUNS and names_arms)]
    if not weighed:
        return None
    recipients = subject_codes(verb, index)
    if not recipients:
        return None
    suppliers = [s for g in weighed for s in _makers_listed(g, index, mentions) if s not in recipients]
    if not suppliers:
        return None
    return Candidate(list(dict.fromkeys(suppliers)), recipients, CONSIDERING, 1, verb.sent, verb, confidence=0.55)


def interest_candidate(word: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"Thailand has shown interest in Swedish Gripen jets", "Peru is interested
    in the South Korean FA-50": a buyer's interest in arms of a maker is a
    purchase it considers, as a weigh verb's (``weigh_candidate``); "France is
    trying to interest Algiers in its Rafale": an offer the object considers."""
    things = [g for p in word.children if p.dep_ in PREP_DEPS and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj" for g in conj_group(o)
              if _arms_phrase(g)]
    if not things:
        return None
    if word.pos_ == "VERB":
        # "France has been trying to interest Algiers in its Rafale": the
        # subject offers, the object considers
        buyers = [c for o in objects_of(word) for c in phrase_codes(o, index)]
        sellers = [c for c in subject_codes(word, index) if c not in buyers]
        sellers = sellers or [s for g in things for s in _makers_listed(g, index, mentions) if s not in buyers]
        if not buyers or not sellers:
            return None
        return Candidate(list(dict.fromkeys(sellers)), list(dict.fromkeys(buyers)), CONSIDERING, 1, word.sent, word,
                         confidence=0.55)
    verb = word.head
    owner = [c for c in word.children if c.dep_ == "poss"]
    if owner:
        # "Sputnik criticised Astana's interest in Turkish drones": the possessor's
        recipients = phrase_codes(owner[0], index)
    elif word.dep_ in {"dobj", "acomp"} and verb.pos_ in {"VERB", "AUX"}:
        recipients = subject_codes(verb, index)
    else:
        return None
    if not recipients:
        return None
    suppliers = [s for g in things for s in _makers_listed(g, index, mentions) if s not in recipients]
    if not suppliers:
        return None
    return Candidate(list(dict.fromkeys(suppliers)), recipients, CONSIDERING, 1, word.sent, word, confidence=0.55)
