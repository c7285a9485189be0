"""Which parties a noun phrase or a clause's subject stands for.

Helpers over the dependency parse shared by the transfer rules: the parties named
by a phrase ("Iraq's Defence Ministry", "the Syrian army", "Indian-made
equipment", "Germany and France"), the subject of a verb when the parser hangs it
elsewhere ("Russia would continue to supply", "pressed India to rethink", "a
contract to buy", "accused Turkey of supplying"), and what a pronoun ("it",
"they", "its", "which") points back to.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..catalogue.actors import DEMONYM, ActorMention
from ..catalogue.gazetteer import actor_catalogue
from ..vocab import words
from ..vocab.lexicon import (
    ACCUSE_VERBS,
    COMPLAINT_VERBS,
    INSTITUTION_NOUNS,
    OBJECT_CONTROL,
    PARTY_PRONOUNS,
    PENALTY_NOUNS,
    PENALTY_VERBS,
    PERSON_POSSESSIVES,
    RELATIONAL_NOUNS,
    RELATIVE_PRONOUNS,
)

MentionIndex = dict[int, ActorMention]


def _dedupe(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def conj_group(token: Token) -> list[Token]:
    """A token and every conjunct of its coordination ("Germany and France")."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    out = [top]
    stack = [top]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return _subject_split(sorted(out, key=lambda t: t.i))


def _subject_split(group: list[Token]) -> list[Token]:
    """"sends jets to Ukraine, Denmark and Norway weigh more": conjuncts after a
    comma that a subjectless finite verb follows are that verb's subjects, not
    members of the first phrase."""
    if len(group) < 2:
        return group
    doc = group[0].doc
    last = group[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ not in {"VERB", "AUX"} or nxt.tag_ not in {"VBP", "VBZ", "VBD"} \
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in nxt.children):
        return group
    for i, t in enumerate(group[1:], start=1):
        if any(doc[j].text == "," for j in range(group[i - 1].i + 1, t.i)):
            return group[:i]
    return group


def _mention_codes(token: Token, index: MentionIndex) -> list[str]:
    m = index.get(token.i)
    return [m.code] if m else []


def resolve_pronoun(token: Token, index: MentionIndex, *, exclude: set[str] | None = None) -> list[str]:
    """Parties a pronoun stands for: the nearest party named before it in the
    sentence (with its conjuncts for "they"), else the subject of the previous
    sentence."""
    exclude = set(exclude or ())
    sent = token.sent
    if token.dep_ in {"dative", "dobj"} and token.head.pos_ in {"VERB", "AUX"}:
        # "Russia has sold it Sukhoi fighters": an object pronoun is not its
        # own clause's subject (that would be "itself")
        for subj in (c for c in token.head.children if c.dep_ == "nsubj"):
            exclude |= set(phrase_codes(subj, index, pronouns=False))
    addressee = [c for c in _warned_party(token, index) if c not in exclude]
    if addressee:
        return addressee
    if token.dep_ == "poss":
        # A possessive points to its own clause's subject: "pressed India to
        # rethink its weapons sales" (India rethinks), not to the nearest party.
        verb, predicate = token.head, False
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            predicate = predicate or verb.dep_ == "attr"
            verb = verb.head
        subj = subject_token(verb) if verb.pos_ in {"VERB", "AUX"} else None
        if subj is not None and predicate:
            # "Russia was still its main supplier", "A and B remain its customers":
            # what the subject is said to be is someone else's
            exclude |= set(phrase_codes(subj, index, pronouns=False))
        elif subj is not None and token.i not in {t.i for t in subj.subtree}:
            codes = [c for c in phrase_codes(subj, index, pronouns=False) if c not in exclude]
            if codes:
                return codes
    found: list[int] = []
    for i in range(token.i - 1, sent.start - 1, -1):
        m = index.get(i)
        if m is None or m.code in exclude or m.form == DEMONYM and token.lower_ in {"it", "its"}:
            continue
        found.append(i)
    if found:
        # A subject antecedent beats a nearer one in a prepositional phrase:
        # "Serbia's air force was destroyed during NATO's campaign, and it flies ...".
        subjects = [i for i in found if _in_subject(token.doc[i])]
        i = subjects[0] if subjects else found[0]
        if token.lower_ in {"they", "their", "them"}:
            return _dedupe([c for t in conj_group(token.doc[i]) for c in _mention_codes(t, index)])
        return _mention_codes(token.doc[i], index)
    return previous_subject(sent, index, exclude=exclude) or _only_party_before(token, index, exclude)


def _only_party_before(token: Token, index: MentionIndex, exclude: set[str]) -> list[str]:
    """"The embargo has not stopped China from acquiring arms. Russia has sold it
    Sukhoi fighters": with no party in the subject of the sentence before, the
    one party that sentence names by name (for "it" and "its")."""
    sent = token.sent
    if sent.start == 0 or token.lower_ not in {"it", "its"}:
        return []
    prev = token.doc[sent.start - 1].sent
    codes = {m.code for i in range(prev.start, prev.end) if (m := index.get(i)) is not None
             and m.form != DEMONYM and m.code not in exclude}
    return list(codes) if len(codes) == 1 else []


def _warned_party(token: Token, index: MentionIndex) -> list[str]:
    """"Russia has warned Turkey that its sales of drones ...", "China protested
    to Washington that its arms sales ...": in what a party is warned or
    complained to about, "its" is the party addressed, not the complainant."""
    tok = token
    for _ in range(8):
        if tok.head.i == tok.i:
            return []
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in COMPLAINT_VERBS:
            verb = tok.head
            for c in verb.children:
                if c.dep_ in {"dobj", "dative"} and c.i < tok.i:
                    return phrase_codes(c, index, pronouns=False)
                if c.dep_ == "prep" and c.lower_ == "to" and c.i < tok.i:
                    return [x for g in c.children if g.dep_ == "pobj" for x in phrase_codes(g, index, pronouns=False)]
            return []
        tok = tok.head
    return []


def _in_subject(token: Token) -> bool:
    """Whether a token names the subject of its clause ("Serbia's air force")."""
    tok = token
    for _ in range(4):
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if tok.dep_ not in {"poss", "compound", "amod", "conj", "appos", "nmod"}:
            return False
        tok = tok.head
    return False


def previous_subject(sent: Span, index: MentionIndex, *, exclude: set[str] | None = None) -> list[str]:
    """Parties in the subject of the sentence before ``sent``, if any."""
    doc = sent.doc
    if sent.start == 0:
        return []
    prev = doc[sent.start - 1].sent
    for tok in prev:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ROOT":
            codes = [c for c in phrase_codes(tok, index, depth=1) if c not in (exclude or set())]
            if codes:
                return codes
    return []


def phrase_codes(token: Token, index: MentionIndex, *, depth: int = 0, pronouns: bool = True) -> list[str]:
    """Parties a noun phrase headed by ``token`` names, with its conjuncts.

    The head itself ("Russia"), else its possessor ("Iraq's ministry"), its
    national adjective or compound ("the Syrian army", "U.S. manufacturers",
    "Indian-made equipment"), or the "of" phrase of an institution ("the army of
    Iraq"). Pronouns are resolved when ``pronouns`` is set."""
    codes: list[str] = []
    for t in conj_group(token) if token.dep_ != "conj" or depth == 0 else [token]:
        codes += _single_phrase_codes(t, index, depth=depth, pronouns=pronouns)
    return _dedupe(codes)


COMPANY_NOUNS = words()["company_anaphors"]


# Nouns of a part of a state: "China's Taiwan region", "the Kaliningrad exclave".
REGION_NOUNS = frozenset(words()["region_nouns"])


def _single_phrase_codes(token: Token, index: MentionIndex, *, depth: int, pronouns: bool) -> list[str]:
    own = _mention_codes(token, index)
    if own:
        return own
    low = token.lower_
    if pronouns and token.pos_ == "PRON" or low in RELATIVE_PRONOUNS:
        if low in RELATIVE_PRONOUNS and token.head.dep_ in {"relcl", "acl"}:
            return phrase_codes(token.head.head, index, depth=depth + 1, pronouns=False)
        if pronouns and low in PARTY_PRONOUNS:
            return resolve_pronoun(token, index)
        if pronouns and low in PERSON_POSSESSIVES and token.head.lemma_.lower() in INSTITUTION_NOUNS:
            return resolve_pronoun(token, index)
        return []
    if depth > 3 or token.lemma_.lower() in RELATIONAL_NOUNS:
        return []
    if token.lemma_.lower() in REGION_NOUNS:
        # "China's Taiwan region": the region named, not the state that claims it
        named = [c for child in token.children if child.dep_ in {"compound", "nmod"} and child.i < token.i
                 for c in _mention_codes(child, index)]
        if named:
            return _dedupe(named)
    codes: list[str] = []
    for child in token.children:
        if child.dep_ == "poss":
            codes += phrase_codes(child, index, depth=depth + 1, pronouns=pronouns)
        elif child.dep_ in {"compound", "amod", "nmod", "npadvmod"} and child.i < token.i:
            found = _mention_codes(child, index)
            if not found:
                # "Indian-made equipment": the adjective's own modifier names the state.
                for grand in child.children:
                    if grand.dep_ in {"npadvmod", "compound", "amod", "nmod"}:
                        found += _mention_codes(grand, index)
            codes += found
    if not codes:
        # "WARSAW — Poland signed ...": a dateline parsed as the subject with the
        # party in apposition; likewise "The Nordic country, Sweden, ...".
        codes = [c for child in token.children if child.dep_ == "appos" for c in _mention_codes(child, index)]
    if codes:
        return _dedupe(codes)
    if token.lemma_.lower() in COMPANY_NOUNS:
        # "a company based in the United Arab Emirates": the state it is based in
        codes = [c for a in token.children if a.dep_ == "acl" and a.lemma_.lower() in {"base", "headquarter"}
                 for p in a.children if p.dep_ == "prep" and p.lower_ == "in"
                 for g in p.children if g.dep_ == "pobj" for c in _mention_codes(g, index)]
        if codes:
            return _dedupe(codes)
    if token.lemma_.lower() in INSTITUTION_NOUNS or token.lower_ in INSTITUTION_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                # "the Defence Ministry in Kuala Lumpur": a body in a capital is its state's
                codes += [code for pobj in child.children if pobj.dep_ == "pobj"
                          if (code := _capital_codes().get(" ".join(t.lower_ for t in pobj.subtree
                                                                    if t.dep_ not in {"det", "punct"})))]
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        codes += phrase_codes(pobj, index, depth=depth + 1, pronouns=pronouns)
            elif child.dep_ == "amod" and child.lemma_.lower() == "loyal":
                # "forces loyal to the Government of National Accord"
                codes += [c for p in child.children if p.dep_ == "prep" and p.lower_ == "to"
                          for g in p.children if g.dep_ == "pobj"
                          for c in phrase_codes(g, index, depth=depth + 1, pronouns=pronouns)]
    return _dedupe(codes)


@lru_cache(maxsize=1)
def _capital_codes() -> dict[str, str]:
    """Capital (lower case) -> the state's code."""
    return {c.lower(): e.code for e in actor_catalogue() for c in e.capitals}


def _is_dateline(token: Token) -> bool:
    """A city in capitals opening its sentence ("WARSAW —", "ISLAMABAD (Reuters) -")."""
    first = token.sent[0]
    return token.i - first.i <= 2 and token.text.isupper() and len(token.text) > 2 and token.pos_ == "PROPN"


def subject_token(verb: Token, *, depth: int = 0) -> Token | None:
    """The token that does what ``verb`` says, looking through control verbs,
    coordination, infinitival modifiers and "accuse X of"."""
    if depth > 5:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if len(subjects) > 1:
        # "ISLAMABAD (Reuters) - Pakistan's air force has inducted ...": the
        # dateline parsed as a second subject
        subjects = [c for c in subjects if not _is_dateline(c)] or subjects
    if subjects:
        return subjects[0]
    head = verb.head
    if head.i == verb.i:
        return None
    dep = verb.dep_
    if dep == "xcomp" or (dep == "advcl" and verb.tag_ == "VB"):
        objects = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
        if objects and head.lemma_.lower() in OBJECT_CONTROL:
            return objects[0]
        passive_subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        if dep == "xcomp" and passive_subjects and not any(c.dep_ == "nsubj" for c in head.children):
            return passive_subjects[0]  # "Manila is set to buy", "Kyiv was allowed to receive"
        return subject_token(head, depth=depth + 1)
    if dep in {"conj", "ccomp"} and dep == "conj":
        return subject_token(head, depth=depth + 1)
    if dep == "acl" and head.dep_ == "pobj" and head.head.lower_ == "among" and verb.tag_ == "VBG":
        # "listed Russia and Jordan among the states supplying Sudan", "Russia is
        # among the countries arming Sudan": the members of "among" do it
        gov = head.head.head
        members = [c for c in gov.children if c.dep_ == "dobj"] or [c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return members[0] if members else None
    if dep == "pcomp" and head.dep_ == "prep":
        gov = head.head
        objects = [c for c in gov.children if c.dep_ in {"dobj"}]
        if objects and gov.lemma_.lower() in ACCUSE_VERBS:
            return objects[0]
        # "impose sanctions on Iran for supplying drones": the party the
        # penalty falls on is the one that supplies
        if head.lower_ == "for" and objects and objects[0].lemma_.lower() in PENALTY_NOUNS:
            target = next((g for p in list(gov.children) + list(objects[0].children)
                           if p.dep_ == "prep" and p.lower_ in {"on", "against"}
                           for g in p.children if g.dep_ == "pobj"), None)
            if target is not None:
                return target
        if head.lower_ == "for" and objects and gov.lemma_.lower() in PENALTY_VERBS:
            return objects[0]  # "sanctioned three firms for shipping arms"
        if gov.lemma_.lower() in ACCUSE_VERBS and gov.dep_ == "acl" and gov.tag_ == "VBN":
            return gov.head  # "a company accused of ferrying arms"
        passive_subjects = [c for c in gov.children if c.dep_ == "nsubjpass"]
        if passive_subjects and gov.lemma_.lower() in ACCUSE_VERBS:
            return passive_subjects[0]  # "the UAE has been accused of supplying"
        if gov.pos_ in {"VERB", "AUX"}:
            return subject_token(gov, depth=depth + 1)
        if gov.dep_ in {"acomp", "amod"} and gov.head.pos_ in {"VERB", "AUX"}:
            # "Spain was open to sending", "Oslo is ready for supplying"
            return subject_token(gov.head, depth=depth + 1)
        if gov.pos_ == "NOUN" and gov.dep_ == "dobj" and head.lower_ == "in" and gov.head.pos_ in {"VERB", "AUX"}:
            # "Pakistan has shown interest in buying the KAAN"
            return subject_token(gov.head, depth=depth + 1)
        return None
    if dep in {"acl", "relcl"}:
        # "a contract to buy jets": the contract's signer buys.
        noun = head
        # "a decision by South Korea to supply", "Britain's decision to provide",
        # "the British decision to provide": the noun's own agent, not the
        # subject of the verb that governs the noun ("Moscow knew of ...")
        own = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" and p.i > noun.i
               for g in p.children if g.dep_ == "pobj"]
        own += [c for c in noun.children if c.dep_ == "poss" or (
            c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"} and c.i < noun.i)]
        if own and verb.i > noun.i:
            return own[0]
        # "signed a letter of intent to buy": up from "intent" to "letter"
        steps = 0
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and steps < 2:
            noun, steps = noun.head.head, steps + 1
        # "is in talks with China to buy jets": up through the preposition.
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"VERB", "AUX"}:
            return subject_token(noun.head.head, depth=depth + 1)
        if noun.dep_ in {"dobj", "nsubjpass", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            return subject_token(noun.head, depth=depth + 1)
        return None
    if dep == "advcl":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and head.lemma_.lower() in ACCUSE_VERBS:
            return objects[0]  # "accused Turkey of regularly, blatantly, supplying"
        return subject_token(head, depth=depth + 1)
    return None


def subject_codes(verb: Token, index: MentionIndex) -> list[str]:
    """Parties in the subject of ``verb`` (see ``subject_token``), including
    headline subjects the parser hangs off the verb as "dep" ("Germany, France halt")."""
    subj = subject_token(verb)
    codes = phrase_codes(subj, index) if subj is not None else []
    if subj is not None and subj.head.i == verb.i:
        for c in verb.children:
            if c.dep_ == "dep" and c.i < subj.i:
                codes = _mention_codes(c, index) + codes
    return _dedupe(codes)
