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

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import COMPANY, ActorMention, mention_index
from .lexicon import (
    ACQUIRE_NOUNS,
    ACQUIRE_VERBS,
    ARMS_WORDS,
    ARRIVAL_VERBS,
    CARRY_VERBS,
    DEAL_NOUNS,
    LICENCE_NOUNS,
    MILITARY_MODIFIERS,
    RECIPIENT_OBJECT_VERBS,
    RECIPIENT_PREPS,
    SUPPLIER_PREPS,
    SUPPLY_NOUNS,
    SUPPLY_VERBS,
)
from .metadata import is_headline_line
from .records import TransferRecord
from .roles import MentionIndex, conj_group, phrase_codes, previous_subject, subject_codes, subject_token
from .status import CONTRACTED, DELIVERED, DENIED, is_denial, trigger_status
from .weapons import named_systems, origin_of, weapons_in

SUPPLY = "supply"
ACQUIRE = "acquire"
# Nouns that name the supplier itself: "Russia remains India's largest source of weapons".
SOURCE_NOUNS = frozenset({"source", "supplier", "exporter"})
# Verbs with which a receiver takes a supply noun: "took delivery of", "awaits shipment".
RECEIVE_NOUN_VERBS = frozenset({"take", "accept", "receive", "await", "get"})
# Supply nouns that are arms only with a military word.
AID_NOUNS = frozenset({"aid", "assistance", "help", "support", "provision", "gift", "donation"})
# spaCy labels "to" before a recipient "dative" as often as "prep".
PREP_DEPS = frozenset({"prep", "dative"})
# Heads of quantity phrases whose "of" object is what moves.
QUANTITY_NOUNS = frozenset(
    {"first", "batch", "number", "rest", "remainder", "dozens", "hundreds", "thousands", "part", "fleet",
     "squadron", "shipment", "consignment", "pair", "set", "most", "some", "all", "many", "much", "half",
     "bulk", "majority", "share", "worth", "billion", "million", "$", "package", "tranche", "lot"}
)
# Licence words that stand for exports when they name them ("export licences").
EXPORT_MODIFIERS = frozenset({"export", "arms", "weapon", "license", "licence", "sale"})
# Verbs of using arms: the user has received them from the state that made them.
OPERATE_VERBS = frozenset({"operate", "fly", "field", "use", "deploy", "employ"})
# "in talks with China to buy jets": the partner in talks is the seller.
NEGOTIATION_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"})
# A signing verb as written, for headlines the tagger gets wrong.
SIGN_FORMS = frozenset({"signs", "sign", "signed", "inks", "seals"})
# Verbs that seal a deal noun ("signed a contract with Russia").
DEAL_VERBS = frozenset({"sign", "conclude", "ink", "seal", "finalise", "finalize", "agree", "reach", "place", "strike"})


@dataclass
class Candidate:
    """One sentence's report of supplies from some parties to others."""

    suppliers: list[str]
    recipients: list[str]
    status: str
    strength: int
    sent: Span
    trigger: Token
    weapons: list[str] = field(default_factory=list)
    confidence: float = 0.7
    undirected: bool = False  # "X signed a deal with Y": direction still unknown


def _arms_like(token: Token) -> bool:
    """Whether a noun phrase is about arms ("military equipment", "S-300", "jets")."""
    if token.pos_ == "NUM" or token.lemma_.lower() in QUANTITY_NOUNS:
        # "about 100 of the jets", "the first of four systems", "$1 billion in military aid"
        for c in token.children:
            if c.dep_ in PREP_DEPS and c.lower_ in {"of", "in", "worth"}:
                return any(_arms_like(g) for g in c.children if g.dep_ == "pobj")
    if token.lemma_.lower() in AID_NOUNS:
        return any(c.lemma_.lower() in MILITARY_MODIFIERS | {"security"} for c in token.children)
    if token.lemma_.lower() in ARMS_WORDS or token.lower_ in ARMS_WORDS:
        mods = {c.lemma_.lower() for c in token.children}
        # "equipment", "material", "goods", "aid" need a military word; the rest stand alone.
        if token.lemma_.lower() in {"equipment", "material", "goods", "technology", "part", "vessel", "ship", "vehicle", "unit", "batch", "platform", "capability", "system"}:
            return bool(mods & MILITARY_MODIFIERS) or bool(named_systems(_text(token))) or token.lemma_.lower() in {"system", "capability", "batch", "unit", "vehicle", "vessel"}
        return True
    if named_systems(_text(token)):
        return True
    return token.lower_ in {"them", "it", "these", "those"}


def _text(token: Token) -> str:
    sub = list(token.subtree)
    return token.doc[sub[0].i : sub[-1].i + 1].text


def _pobj_codes(prep: Token, index: MentionIndex) -> list[str]:
    out: list[str] = []
    for c in prep.children:
        if c.dep_ == "pobj":
            out += phrase_codes(c, index)
    return out


def _prep_codes(token: Token, preps: frozenset[str], index: MentionIndex, *, depth: int = 2) -> list[str]:
    """Parties in ``preps`` phrases on ``token``, its objects and their modifiers
    ("deliveries of the system to Iran", "systems promised to Ukraine")."""
    out: list[str] = []
    frontier = [token]
    for _ in range(depth + 1):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in PREP_DEPS and c.lower_ in preps:
                    found = _pobj_codes(c, index)
                    out += found
                    if not found:
                        nxt.append(c)  # "for military goods bound for Turkey"
                elif c.dep_ in PREP_DEPS and c.lower_ == "of" or c.dep_ in {"dobj", "acl", "pobj", "amod", "appos"}:
                    nxt.append(c)
                elif c.dep_ in PREP_DEPS and c.lower_ in {"with"} and t.pos_ == "NOUN":
                    nxt.append(c)
        frontier = [g for t in nxt for g in ([t] + [x for x in t.children if x.dep_ == "pobj"])]
    return list(dict.fromkeys(out))


def _maker_codes(token: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> list[str]:
    """Suppliers named on a weapon phrase: "Russian S-400 systems", "U.S. weapons",
    "jets built by Lockheed Martin", "Indian-made equipment"."""
    out: list[str] = []
    for t in token.subtree:
        m = mentions.get(t.i)
        if m is None:
            continue
        if t.dep_ in {"amod", "compound", "npadvmod", "nmod"} or m.form == COMPANY:
            out.append(m.code)
        elif t.dep_ == "pobj" and t.head.lower_ in {"by", "from"}:
            out.append(m.code)
    return list(dict.fromkeys(out))


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr", "oprd"} and c.pos_ != "ADP"]


def _with_objects(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ in PREP_DEPS and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]


def _nearest_before(token: Token, index: MentionIndex, *, exclude: set[str]) -> list[str]:
    for i in range(token.i - 1, token.sent.start - 1, -1):
        m = index.get(i)
        if m is not None and m.code not in exclude and m.form != COMPANY:
            return [m.code]
    return []


def _deal_partners(token: Token, index: MentionIndex) -> list[str]:
    """"with X" on a deal that governs the trigger: "signed an agreement with the
    United States to buy Patriots", "took delivery under a contract with Russia"."""
    out: list[str] = []
    anchors = [token] + [a for a in token.ancestors][:4]
    partner_nouns = DEAL_NOUNS | NEGOTIATION_NOUNS
    for a in anchors:
        nouns = [a] if a.lemma_.lower() in partner_nouns else []
        nouns += [c for c in a.children if c.lemma_.lower() in partner_nouns]
        for c in a.children:
            if c.dep_ in PREP_DEPS and c.lower_ in {"under", "through", "in"}:
                nouns += [g for g in c.children if g.lemma_.lower() in DEAL_NOUNS]
        for n in nouns:
            for c in n.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "with":
                    out += _pobj_codes(c, index)
    return list(dict.fromkeys(out))


def _start_with(verb: Token, index: MentionIndex) -> list[str]:
    """"plans to start selling abroad, beginning with the Philippines"."""
    out: list[str] = []
    for t in list(verb.subtree) + list(verb.head.subtree):
        if t.lemma_.lower() in {"begin", "start"} and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "with":
                    out += _pobj_codes(c, index)
    return out


def _governing_subject(noun: Token, index: MentionIndex) -> list[str]:
    """Parties in the subject of the clause a noun phrase sits in ("Azerbaijan
    deployed drones bought from Turkey": Azerbaijan)."""
    tok = noun
    for _ in range(8):
        if tok.dep_ in {"conj", "appos", "pobj", "prep", "dative", "acl"}:
            tok = tok.head
            continue
        break
    if tok.dep_ in {"dobj", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
        return subject_codes(tok.head, index)
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return phrase_codes(tok, index)
    return []


def _verb_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    lemma = verb.lemma_.lower()
    # "tanks supplied by X" is passive; "a report that it had shipped missiles" is not.
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in {"nsubj", "aux"} for c in verb.children)
    )
    suppliers: list[str] = []
    recipients: list[str] = []
    objects = _objects(verb)
    arms_objects = [o for o in objects if _arms_like(o)]
    if lemma in ARRIVAL_VERBS:
        subj = subject_token(verb)
        if subj is None or not _arms_like(subj):
            return None
        recipients = [c for o in objects for c in phrase_codes(o, index)] or _prep_codes(verb, frozenset({"in", "to"}), index, depth=0)
        suppliers = _maker_codes(subj, index, mentions) or _prep_codes(verb, frozenset({"from"}), index, depth=0)
        if not suppliers:
            origin = origin_of(_text(subj))
            suppliers = [origin] if origin else []
        return Candidate(suppliers, recipients, "", 0, verb.sent, verb) if recipients else None

    if lemma in OPERATE_VERBS:
        # "Egypt operates U.S.-made F-16s": a party using another's named arms has
        # received them. Only a national word on the arms counts, never the maker
        # of a system alone ("Israel operates F-16s" says nothing of the seller).
        if passive:
            return None
        recipients = subject_codes(verb, index)
        used = [g for o in arms_objects for g in conj_group(o) if named_systems(_text(g))]
        if not used:
            return None  # "used the Russian plane as cover" names no system
        # "operates U.S.-made F-16s" is sometimes parsed with the adjective on the verb.
        used += [c for c in verb.children if c.dep_ in {"advmod", "amod"} and c.i > verb.i]
        for o in used:
            for t in o.subtree:
                m = mentions.get(t.i)
                if m is not None and m.form != COMPANY and (t.dep_ in {"amod", "compound", "npadvmod", "nmod"} or t is o):
                    suppliers.append(m.code)
        if not suppliers or not recipients:
            return None
        return Candidate(list(dict.fromkeys(suppliers)), recipients, DELIVERED, 2, verb.sent, verb, confidence=0.5)

    if lemma in SUPPLY_VERBS or lemma in CARRY_VERBS:
        if passive:
            suppliers = [c for a in verb.children if a.dep_ == "agent" for c in _pobj_codes(a, index)]
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            moved = subj[0] if subj else (verb.head if verb.dep_ == "acl" else None)
            if lemma in RECIPIENT_OBJECT_VERBS and subj:
                recipients = phrase_codes(subj[0], index)
                if not suppliers:
                    suppliers = [c for w in _with_objects(verb) for c in _maker_codes(w, index, mentions)]
            else:
                if moved is None or not _arms_like(moved):
                    return None
                recipients = _prep_codes(verb, RECIPIENT_PREPS, index, depth=0)
                if not recipients and verb.dep_ == "acl":
                    recipients = _governing_subject(verb.head, index) or previous_subject(verb.sent, index)
                if not suppliers:
                    suppliers = _maker_codes(moved, index, mentions)
        else:
            with_objs = _with_objects(verb)
            object_parties = [o for o in objects if phrase_codes(o, index, pronouns=False) and not _arms_like(o)]
            if lemma in CARRY_VERBS and lemma not in RECIPIENT_OBJECT_VERBS:
                has_arms = arms_objects or any(_arms_like(w) for w in with_objs)
                if not has_arms and not (lemma in SUPPLY_VERBS and not objects):
                    return None
            elif objects and not arms_objects and not object_parties and not with_objs:
                return None
            suppliers = subject_codes(verb, index)
            recipients = _prep_codes(verb, RECIPIENT_PREPS, index)
            if not suppliers and subject_token(verb) is None and verb.dep_ in {"ccomp", "relcl"}:
                # "countries, the UAE first among them, that it said were sending
                # weapons": the parser loses the relative subject; take the party
                # named last before the verb.
                suppliers = _nearest_before(verb, index, exclude=set(recipients))
            for o in objects:
                if o.dep_ == "dative" or lemma in RECIPIENT_OBJECT_VERBS or with_objs or len(objects) > 1:
                    if not _arms_like(o) or o.dep_ == "dative":
                        recipients += phrase_codes(o, index)
            for o in arms_objects:
                # "promised Ukrainian President Zelenskiy air defence systems", parsed
                # as a modifier of the systems.
                for c in o.children:
                    if c.dep_ == "nmod" and c.pos_ == "PROPN" and c.i < o.i:
                        recipients += phrase_codes(c, index)
            recipients += _start_with(verb, index)
    elif lemma in ACQUIRE_VERBS:
        if passive:
            moved = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if moved is None or not _arms_like(moved):
                return None
            suppliers = _prep_codes(verb, SUPPLIER_PREPS, index, depth=0)
            recipients = [c for a in verb.children if a.dep_ == "agent" for c in _pobj_codes(a, index)]
            if not recipients and verb.dep_ == "acl":
                recipients = _governing_subject(verb.head, index) or previous_subject(verb.sent, index)
        else:
            if objects and not arms_objects:
                return None
            recipients = subject_codes(verb, index)
            suppliers = _prep_codes(verb, frozenset({"from"}), index)
            if not suppliers:
                for o in arms_objects:
                    suppliers += _maker_codes(o, index, mentions)
            if not suppliers:
                suppliers = _deal_partners(verb, index)
    else:
        return None
    return Candidate(list(dict.fromkeys(suppliers)), list(dict.fromkeys(recipients)), "", 0, verb.sent, verb)


def _noun_candidate(noun: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    lemma = noun.lemma_.lower()
    if noun.dep_ == "compound" and noun.head.lemma_.lower() not in DEAL_NOUNS:
        return None  # "arms sales": the head noun is the trigger
    if lemma in {"arm", "weapon"} and noun.dep_ in {"dobj", "pobj"} and noun.head.lemma_.lower() not in {"for", "to"}:
        # "supplied arms": the verb is the trigger; a bare "arms" only when it says
        # whose arms go where ("Indian arms for Armenia").
        if not any(c.dep_ in PREP_DEPS and c.lower_ in {"to", "for"} for c in noun.children):
            return None
    if not _noun_is_arms(noun):
        return None
    acquire = lemma in ACQUIRE_NOUNS or (lemma in {"delivery", "shipment"} and noun.head.lemma_.lower() in RECEIVE_NOUN_VERBS)
    poss = [c for c in noun.children if c.dep_ == "poss"]
    poss_codes = [code for p in poss for code in phrase_codes(p, index)]
    adj_codes = [
        m.code for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} and (m := mentions.get(c.i))
    ]
    if lemma in SOURCE_NOUNS:
        suppliers: list[str] = []
        if noun.dep_ in {"attr"}:
            suppliers = subject_codes(noun.head, index)
        elif noun.dep_ == "appos":
            suppliers = phrase_codes(noun.head, index)
        recipients = poss_codes + _prep_codes(noun, frozenset({"to", "for"}), index, depth=0)
        return Candidate(suppliers, recipients, "", 0, noun.sent, noun)
    if acquire:
        recipients = poss_codes + _prep_codes(noun, frozenset({"by"}), index, depth=0)
        suppliers = adj_codes + _prep_codes(noun, frozenset({"from", "with"}), index, depth=1)
        if not suppliers:
            for c in noun.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "of":
                    for g in c.children:
                        suppliers += _maker_codes(g, index, mentions)
        if not recipients:
            if noun.dep_ == "appos":
                recipients = phrase_codes(noun.head, index)
            elif noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
                recipients = subject_codes(noun.head, index)
            elif noun.dep_ == "pobj" and noun.head.head.pos_ in {"VERB", "AUX"} and noun.head.head.lemma_.lower() in RECEIVE_NOUN_VERBS:
                recipients = subject_codes(noun.head.head, index)
        return Candidate(suppliers, recipients, "", 0, noun.sent, noun)
    suppliers = poss_codes + adj_codes + _prep_codes(noun, frozenset({"from", "by"}), index, depth=0)
    recipients = _prep_codes(noun, RECIPIENT_PREPS, index, depth=2)
    if not recipients and noun.dep_ == "dobj":
        # "halted arms sales to Saudi Arabia": the parser hangs "to" on the verb.
        recipients = _prep_codes(noun.head, RECIPIENT_PREPS, index, depth=0)
    if not recipients:
        return None
    if not suppliers:
        tok = noun
        while tok.dep_ in {"pobj", "prep", "dative"} or (tok.dep_ == "dobj" and tok.head.pos_ == "NOUN"):
            tok = tok.head
        if tok.dep_ in {"dobj", "nsubjpass", "pobj"} and tok.head.pos_ in {"VERB", "AUX"}:
            suppliers = subject_codes(tok.head, index)
        elif tok.dep_ in {"dobj", "pobj"} and tok.head.pos_ == "NOUN" and tok.head.dep_ in {"dobj"}:
            suppliers = subject_codes(tok.head.head, index)
    if not suppliers:
        for c in noun.children:
            if c.dep_ in PREP_DEPS and c.lower_ == "of":
                for g in c.children:
                    suppliers += _maker_codes(g, index, mentions)
    return Candidate(list(dict.fromkeys(suppliers)), recipients, "", 0, noun.sent, noun)


def _deal_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
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
    partners = [c for d in deals for c in _prep_codes(d, frozenset({"with"}), index, depth=0)]
    partners += [c for c in verb.children if c.dep_ in PREP_DEPS and c.lower_ == "with" for c in _pobj_codes(c, index)]
    company_partner = any(m.form == COMPANY for t in verb.subtree if (m := mentions.get(t.i)) and m.code in partners)
    subject = subject_token(verb)
    skip = {t.i for t in subject.subtree} if subject is not None and subject.head.i == verb.i else set()
    text = " ".join(_text(d) for d in deals) + " " + " ".join(t.text for t in verb.subtree if t.i not in skip)
    origin = origin_of(text)
    if not signer:
        return None
    if partners:
        if company_partner or (origin and origin in partners):
            return Candidate(partners, signer, "", 0, verb.sent, verb)
        if origin and origin in signer:
            return Candidate(signer, partners, "", 0, verb.sent, verb)
        return Candidate(signer, partners, "", 0, verb.sent, verb, undirected=True)
    if origin and origin not in signer:
        return Candidate([origin], signer, "", 0, verb.sent, verb, confidence=0.6)
    return None


def _definite_object(trigger: Token) -> bool:
    """Whether the arms a trigger names are "the jets", "the system": the story's."""
    for t in trigger.subtree:
        if t.lower_ in {"the", "these", "those"} and t.dep_ == "det" and _arms_like(t.head) and not named_systems(_text(t.head)):
            return True
    return False


def _misparsed_deal(token: Token, index: MentionIndex) -> Candidate | None:
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


def _fill_from_weapons(cand: Candidate, headline_origin: str | None) -> None:
    """A sentence that names the recipient but not the supplier: the maker of the
    weapons it names supplies ("Greece signs deal for 18 Rafale fighters")."""
    if cand.suppliers or not cand.recipients or cand.trigger.lemma_.lower() in SOURCE_NOUNS:
        return
    origin = origin_of(_text(cand.trigger))
    if origin is None and headline_origin and _definite_object(cand.trigger):
        # "Turkey, which had planned to buy about 100 of the jets": the jets of the story.
        origin = headline_origin
    origin = origin or origin_of(cand.sent.text)
    if origin:
        cand.suppliers = [origin]
        cand.confidence = 0.55


def find_candidates(doc: Doc, mentions: list[ActorMention]) -> list[Candidate]:
    """Every sentence-level supply report with at least one party on each side."""
    index = mention_index(mentions)
    sents = list(doc.sents)
    headline = _headline_sentence(sents)
    headline_origin = origin_of(headline.text) if headline is not None else None
    out: list[Candidate] = []
    partial: list[Candidate] = []
    for sent in sents:
        if not any(i in index for i in range(sent.start, sent.end)):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            cand = None
            if tok.pos_ in {"VERB", "AUX"} or (tok.tag_ in {"VBN", "VBG", "VBD", "VBZ", "VBP", "VB"}):
                cand = _deal_candidate(tok, index, index) if lemma in DEAL_VERBS else None
                if cand is None and lemma in SUPPLY_VERBS | CARRY_VERBS | ACQUIRE_VERBS | ARRIVAL_VERBS | OPERATE_VERBS:
                    cand = _verb_candidate(tok, index, index)
            elif tok.pos_ in {"NOUN", "PROPN"} and lemma in SUPPLY_NOUNS | ACQUIRE_NOUNS | SOURCE_NOUNS:
                cand = _noun_candidate(tok, index, index)
            elif tok.pos_ == "NOUN" and lemma in LICENCE_NOUNS and _names_exports(tok):
                cand = _noun_candidate(tok, index, index)
            elif tok.lower_ in SIGN_FORMS:
                cand = _misparsed_deal(tok, index)
            if cand is None:
                continue
            _fill_from_weapons(cand, headline_origin)
            cand.suppliers = [s for s in cand.suppliers if s]
            is_headline = headline is not None and sent.start == headline.start
            if not cand.status:
                cand.status, cand.strength = trigger_status(tok, headline=is_headline)
            cand.weapons = weapons_in(_text(tok) if tok.pos_ in {"NOUN", "PROPN"} else sent.text)
            if cand.suppliers and cand.recipients:
                out.append(cand)
            elif (cand.suppliers or cand.recipients) and not cand.undirected:
                partial.append(cand)
    out += _complete_partials(out, partial)
    out.sort(key=lambda c: (c.sent.start, c.trigger.i))
    return out


def _main_party(values: list[str]) -> str | None:
    """The party named most often in one role (first named on a tie)."""
    if not values:
        return None
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def _complete_partials(full: list[Candidate], partial: list[Candidate]) -> list[Candidate]:
    """Reports that name one side only ("Deliveries of the system to Iran were
    completed in 2016"; "Belarus could transfer eight more MiG-29s") about the
    article's main supplier or recipient: they take it as the other side, with
    less confidence. Only reports that name the arms qualify."""
    supplier = _main_party([s for c in full for s in c.suppliers])
    recipient = _main_party([r for c in full for r in c.recipients])
    out = []
    for c in partial:
        if not _names_arms(c.trigger):
            continue
        if not c.suppliers and supplier and supplier not in c.recipients:
            c.suppliers = [supplier]
        elif not c.recipients and recipient and recipient not in c.suppliers and c.trigger.lemma_.lower() in SUPPLY_VERBS:
            c.recipients = [recipient]
        else:
            continue
        c.confidence = 0.45
        out.append(c)
    return out


def _names_arms(trigger: Token) -> bool:
    """Whether a trigger's phrase names arms: a system, or an arms word with "the"
    pointing back to the story's system."""
    if named_systems(_text(trigger)):
        return True
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return any(
            c.dep_ in PREP_DEPS and c.lower_ == "of" and any(_arms_like(g) for g in c.children if g.dep_ == "pobj")
            for c in trigger.children
        )
    return False


def _noun_is_arms(noun: Token) -> bool:
    """Whether a supply noun is about arms. "Gas supplies", "supply of grain",
    "humanitarian aid" are not; a bare "deliveries to Iran" is taken to be, and
    "aid"/"assistance" need a military word ("military aid", "lethal assistance")."""
    lemma = noun.lemma_.lower()
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ not in {"NORP", "GPE"}]
    objects = [g for c in noun.children if c.dep_ in PREP_DEPS and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if lemma in AID_NOUNS:
        return any(m.lemma_.lower() in MILITARY_MODIFIERS | {"security"} for m in mods) or any(_arms_like(o) for o in objects)
    if objects:
        return any(_arms_like(o) for o in objects)
    things = [m for m in mods if m.pos_ == "NOUN"]
    if things and lemma not in LICENCE_NOUNS:
        return any(m.lemma_.lower() in ARMS_WORDS | MILITARY_MODIFIERS | EXPORT_MODIFIERS or _arms_like(m) for m in things)
    return True


def _names_exports(noun: Token) -> bool:
    """"export licences", "licence applications for military goods"."""
    if any(c.dep_ == "compound" and c.lemma_.lower() in EXPORT_MODIFIERS for c in noun.children):
        return True
    return any(
        c.dep_ in PREP_DEPS and c.lower_ in {"for", "of"} and any(_arms_like(g) for g in c.children if g.dep_ == "pobj")
        for c in noun.children
    )


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
    for tok in doc:
        if tok.pos_ == "VERB" and is_denial(tok):
            out.update(subject_codes(tok, index))
    return out


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
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
    rows: list[tuple[int, TransferRecord]] = []
    for (s, r), cands in by_pair.items():
        # The first sentence with a decided status; within it, the main clause.
        best = max(cands, key=lambda c: (c.strength, -c.sent.start, -_depth(c.trigger)))
        status = best.status
        if s in denying and status != CONTRACTED:
            status = DENIED
        weapons = list(dict.fromkeys(w for c in cands for w in c.weapons))
        start, end = _sentence_bounds(best.sent)
        conf = min(0.95, best.confidence + 0.05 * (len(cands) - 1))
        rows.append((min(c.sent.start for c in cands), TransferRecord(
            supplier=s, recipient=r, status=status, weapons=weapons,
            evidence=doc.text[start:end], start=start, end=end, confidence=round(conf, 2),
        )))
    rows.sort(key=lambda x: (x[0], x[1].supplier, x[1].recipient))
    return [r for _i, r in rows]
