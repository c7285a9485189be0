"""Which parties a noun phrase or a clause's subject stands for.

Helpers over the dependency parse shared by the transfer rules: the parties named
by a phrase ("Iraq's Defence Ministry", "the Syrian army", "Indian-made
equipment", "Germany and France"), the subject of a verb when the parser hangs it
elsewhere ("Russia would continue to supply", "pressed India to rethink", "a
contract to buy", "accused Turkey of supplying"), and what a pronoun ("it",
"they", "its", "which") points back to.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .actors import DEMONYM, ActorMention
from .lexicon import INSTITUTION_NOUNS, PARTY_PRONOUNS, PERSON_POSSESSIVES, RELATIVE_PRONOUNS

MentionIndex = dict[int, ActorMention]
# Verbs whose object, not subject, does what an infinitive says ("urged India to
# reconsider", "allowing Ukraine to buy", "asked Washington to supply").
OBJECT_CONTROL = frozenset({"urge", "press", "ask", "allow", "permit", "let", "call", "force", "help", "enable", "persuade", "encourage", "invite", "authorise", "authorize"})
# Verbs whose object is the doer of an "of"-gerund: "accused Turkey of supplying".
# Nouns whose national modifier is not the referent: "their NATO ally" is not NATO.
RELATIONAL_NOUNS = frozenset({"ally", "member", "partner", "neighbour", "neighbor", "enemy", "rival", "adversary", "counterpart", "foe", "friend"})
ACCUSE_VERBS = frozenset({"accuse", "suspect", "charge", "blame", "criticise", "criticize", "condemn", "thank", "praise"})


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
    return sorted(out, key=lambda t: t.i)


def _mention_codes(token: Token, index: MentionIndex) -> list[str]:
    m = index.get(token.i)
    return [m.code] if m else []


def resolve_pronoun(token: Token, index: MentionIndex, *, exclude: set[str] | None = None) -> list[str]:
    """Parties a pronoun stands for: the nearest party named before it in the
    sentence (with its conjuncts for "they"), else the subject of the previous
    sentence."""
    exclude = exclude or set()
    sent = token.sent
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
    return previous_subject(sent, index, exclude=exclude)


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
    if codes:
        return _dedupe(codes)
    if token.lemma_.lower() in INSTITUTION_NOUNS or token.lower_ in INSTITUTION_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        codes += phrase_codes(pobj, index, depth=depth + 1, pronouns=pronouns)
    return _dedupe(codes)


def subject_token(verb: Token, *, depth: int = 0) -> Token | None:
    """The token that does what ``verb`` says, looking through control verbs,
    coordination, infinitival modifiers and "accuse X of"."""
    if depth > 5:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
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
        return subject_token(head, depth=depth + 1)
    if dep in {"conj", "ccomp"} and dep == "conj":
        return subject_token(head, depth=depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":
        gov = head.head
        objects = [c for c in gov.children if c.dep_ in {"dobj"}]
        if objects and gov.lemma_.lower() in ACCUSE_VERBS:
            return objects[0]
        if gov.lemma_.lower() in ACCUSE_VERBS and gov.dep_ == "acl" and gov.tag_ == "VBN":
            return gov.head  # "a company accused of ferrying arms"
        if gov.pos_ in {"VERB", "AUX"}:
            return subject_token(gov, depth=depth + 1)
        return None
    if dep in {"acl", "relcl"}:
        # "a contract to buy jets": the contract's signer buys.
        noun = head
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
