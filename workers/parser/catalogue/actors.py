"""Find the parties an article mentions: states, alliances, armed groups, and the
companies that stand for their home state.

Mentions are matched case-sensitively against the gazetteer's names (news copy
capitalises names; lower-case "us" or "turkey" are not countries), longest match
first. A capital city counts only where it acts or is a party ("Moscow said",
"deliveries to Kyiv", "Moscow's response"), not where it is a place ("a meeting
in Baku", "MOSCOW, July 19", "a Moscow-brokered truce").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..text import columns
from .gazetteer import ActorEntry, actor_catalogue, actors_by_code, company_catalogue
from ..records import ActorRecord
from ..vocab import load, words

NAME = "name"
DEMONYM = "demonym"
CAPITAL = "capital"
COMPANY = "company"

# Aliases too ambiguous to match in running text (pronoun "IS", "the Alliance").
SKIP_ALIASES = words()["skip_aliases"]
# "U.S.-made", "Russian-built", "Iranian-supplied" as single tokens.
MADE_RE = re.compile(r"^(.+?)-(?:made|built|supplied|designed|produced|manufactured|developed|origin|provided)$")
# Prepositions that make a capital a place rather than an actor.
PLACE_PREPS = words()["place_preps"]
# Dependencies under which a capital names the government: subject, possessor,
# object and the object of a preposition that is not a place preposition.
# "Houthi fighters", "the rebels": nouns for a group's members (vocab/data/groups.json).
MEMBER_NOUNS = frozenset(load("groups.json")["member_nouns"])
ANAPHOR_NOUNS = frozenset(load("groups.json")["anaphor_nouns"])
ACTING_DEPS = frozenset({"agent", "appos", "attr", "conj", "dative", "dobj", "nsubj", "nsubjpass", "pobj", "poss"})


@dataclass(frozen=True)
class ActorMention:
    """One mention of a party in a Doc (offsets index ``doc.text``)."""

    code: str
    name: str
    kind: str
    text: str
    start: int  # character offsets
    end: int
    token_start: int  # token offsets, end exclusive
    token_end: int
    form: str  # "name", "demonym", "capital" or "company"

    @property
    def record(self) -> ActorRecord:
        return ActorRecord(name=self.name, code=self.code, kind=self.kind)


def _label(code: str, form: str) -> str:
    return f"{form}|{code}"


@lru_cache(maxsize=4)
def _matcher(nlp_vocab_id: int, nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    entries: list[ActorEntry] = actor_catalogue()
    for entry in entries:
        forms: dict[str, list[str]] = {NAME: [], DEMONYM: list(entry.demonyms), CAPITAL: list(entry.capitals)}
        special = set(entry.demonyms) | set(entry.capitals)
        forms[NAME] = [entry.name] + [a for a in entry.aliases if a not in special]
        for form, names in forms.items():
            names = [n for n in names if n not in SKIP_ALIASES]
            # "the Netherlands", "the Kremlin": match with and without the article.
            variants = (
                set(names)
                | {n[4:] for n in names if n.startswith("the ")}
                | {"The " + n[4:] for n in names if n.startswith("the ")}  # sentence-initial
            )
            variants = {v for v in variants if v and v not in SKIP_ALIASES}
            if variants:
                matcher.add(_label(entry.code, form), [nlp.make_doc(v) for v in sorted(variants)])
    by_state: dict[str, list[str]] = {}
    for company in company_catalogue():
        by_state.setdefault(company.state, []).append(company.name)
    for code, names in by_state.items():
        matcher.add(_label(code, COMPANY), [nlp.make_doc(n) for n in sorted(names)])
    return matcher


def _resolve_maker(prefix: str) -> ActorEntry | None:
    """The state in "U.S.-made" or "Russian-built" (names and demonyms only)."""
    for entry in actor_catalogue():
        if entry.kind == "state" and (prefix == entry.name or prefix in entry.aliases) and prefix not in entry.capitals:
            return entry
    return None


def _capital_is_actor(span: Span) -> bool:
    """A capital counts as its government unless it is used as a place."""
    root = span.root
    text = span.text
    if text.isupper() and len(text) > 3:
        return False  # dateline "MOSCOW, July 19." or a shouted headline word
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.text in {"-", "\u2013"}:
        return False  # "Moscow-brokered", "New Delhi-based"
    if root.dep_ in {"compound", "amod", "nmod", "npadvmod"} and root.head.i > root.i:
        return False  # "a Moscow court", "the Kremlin meeting"
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        return False
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in {"and", "or", ","}:
        # "talks in Baku and Yerevan", however the parser attaches the second name.
        other = doc[span.start - 2]
        # not "In August, Doha ordered ...": the place before must be a place
        if other.dep_ == "pobj" and other.head.lower_ in PLACE_PREPS and other.ent_type_ not in {"DATE", "TIME"}:
            return False
    if root.dep_ == "conj":
        # "in Baku and Yerevan": the first conjunct decides.
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "pobj" and first.head.lower_ in PLACE_PREPS:
            return False
    return root.dep_ in ACTING_DEPS or root.dep_ == "ROOT"


def _is_person(span: Span) -> bool:
    """"Jordan" or "Chad" inside a person's name is not the country."""
    if not (any(t.ent_type_ == "PERSON" for t in span) and span.root.ent_type_ == "PERSON"):
        return False
    # The small model tags a lone country as a person ("deliveries to Mali"):
    # only a name with more to it ("Michael Jordan", "Chad Smith") is a person.
    doc = span.doc
    before = span.start > 0 and doc[span.start - 1].ent_type_ == "PERSON" and doc[span.start].ent_iob_ != "B"
    after = span.end < len(doc) and doc[span.end].ent_type_ == "PERSON" and doc[span.end].ent_iob_ == "I"
    return before or after


def find_actors(doc: Doc, nlp: Language | None = None) -> list[ActorMention]:
    """Every party mentioned in ``doc``, in text order, longest match first."""
    if nlp is None:
        from ..text.nlp import get_nlp

        nlp = get_nlp()
    matcher = _matcher(id(nlp.vocab), nlp)
    spans = []
    for match_id, start, end in matcher(doc):
        span = Span(doc, start, end, label=doc.vocab.strings[match_id])
        spans.append(span)
    by_code = actors_by_code()
    out: list[ActorMention] = []
    taken = {i for span in spans for i in range(span.start, span.end)}
    for i, text in enumerate(columns.texts(doc)):
        # "U.S.-made", "Russian-built": one token for the tokenizer, a maker for us.
        hit = MADE_RE.match(text) if "-" in text else None
        if hit is None or i in taken:
            continue
        token = doc[i]
        entry = _resolve_maker(hit.group(1))
        if entry is not None:
            out.append(ActorMention(
                code=entry.code, name=entry.name, kind=entry.kind, text=hit.group(1),
                start=token.idx, end=token.idx + len(hit.group(1)),
                token_start=token.i, token_end=token.i + 1, form=DEMONYM,
            ))
    for span in filter_spans(spans):
        if span.start in {m.token_start for m in out}:
            continue
        form, code = span.label_.split("|", 1)
        if form == CAPITAL and not _capital_is_actor(span):
            continue
        if form == NAME and by_code[code].kind == "state" and _is_person(span):
            continue
        entry = by_code[code]
        out.append(
            ActorMention(
                code=code,
                name=entry.name,
                kind=entry.kind,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                token_start=span.start,
                token_end=span.end,
                form=form,
            )
        )
    out.sort(key=lambda m: (m.start, m.end))
    return _group_members(doc, out)


def _group_members(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A group's members stand for the group: "Houthi fighters" is the Houthis, not
    fighter jets, and "the rebels" after "the FARC guerrillas" is the FARC again
    (the last group named before, if any)."""
    if not any(m.kind == "non-state" for m in mentions):
        return mentions
    texts = columns.texts(doc)
    out: list[ActorMention] = []
    last_group: ActorMention | None = None
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    pending = iter(mentions)
    nxt = next(pending, None)
    n = len(texts)
    for i in range(n):
        if nxt is not None and nxt.token_start == i:
            m = nxt
            nxt = next(pending, None)
            if m.kind == "non-state":
                end = m.token_end
                if end < n and texts[end].lower() in MEMBER_NOUNS and end not in taken:
                    tok = doc[end]
                    m = ActorMention(code=m.code, name=m.name, kind=m.kind, text=doc[m.token_start:end + 1].text,
                                     start=m.start, end=tok.idx + len(tok.text), token_start=m.token_start,
                                     token_end=end + 1, form=m.form)
                    taken.add(end)
                last_group = m
            out.append(m)
        elif (last_group is not None and i not in taken and i > 0 and texts[i - 1].lower() == "the"
              and texts[i] in ANAPHOR_NOUNS):
            tok = doc[i]
            out.append(ActorMention(code=last_group.code, name=last_group.name, kind=last_group.kind,
                                    text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                                    token_start=i, token_end=i + 1, form=last_group.form))
    return out


def mention_index(mentions: list[ActorMention]) -> dict[int, ActorMention]:
    """Token index -> the mention covering it."""
    return {i: m for m in mentions for i in range(m.token_start, m.token_end)}

