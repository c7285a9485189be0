"""Officials: named people with a public position, and who later mentions mean.

A person counts as an official when the article gives them an office (a title
from ``data/official_titles.json``): before the name ("Russian Deputy Prime
Minister Dmitry Rogozin"), in an apposition ("Alexander Mikheyev, the head of
Rosoboronexport"), through a counterpart ("his Armenian counterpart Yuri
Khachaturov" takes the title of the person before) or through a plural title
followed by the names in order ("the presidents of Armenia and Azerbaijan ...
Serzh Sargsyan and Ilkham Aliyev"). People the article gives no office, or a
non-official one (analysts, journalists), are left out: bylines and NER noise
("Der Spiegel" tagged as a person) have no title and so drop out too.

``PersonResolver`` maps later mentions (surname, "the minister", "he") back to
the full name as first given; ``statements.py`` uses it to attribute speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from .records import OfficialRecord
from .titles import (
    COUNTERPART,
    NON_OFFICIAL,
    RANK,
    TitleInfo,
    _is_cap,
    _low,
    is_head_of_state_title,
    is_title_word,
    lexicon,
    match_head,
    read_title_phrase,
    state_code,
)

# Words that stop a title run when walking left from a name.
_RUN_STOP = {",", ";", ":", '"', "\u201c", "\u201d", "and", "or", "with", "by", "to", "from", "said", "told"}
_DETERMINERS = {"a", "an", "his", "her", "its", "their", "our", "my", "your"}
# Capitalised words that are never part of a name.
_NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "he", "she", "it", "they", "we", "i", "mr", "mrs",
    "ms", "mr.", "mrs.", "ms.", "dr", "dr.",
}
# "MOSCOW, July 19. /TASS/.", "NEW DELHI (Reuters) -", "DHAKA, Bangladesh (AP) —", "ATHENS —"
_DATELINE = re.compile(
    r"(?<![\w.])([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2})(?:, [A-Z][a-z]+)?"
    r"(?: \((?:Reuters|AP|AFP|dpa|Xinhua|Bloomberg)\)| ?[\u2014\u2013]|, [A-Z][a-z]+\.? \d{1,2}\.)"
)


def _hard_stop(tok: Token) -> bool:
    """Sentence-final punctuation, a paragraph break or a dash."""
    return tok.text in {".", "!", "?", "/", "\u2014", "\u2013", "--"} or tok.is_space or "\n" in tok.whitespace_ \
        or (tok.text.endswith(".") and len(tok.text) > 1 and tok.text[:-1].isdigit())


@dataclass
class _Mention:
    start: int  # token index
    end: int
    text: str
    info: TitleInfo | None = None


@dataclass
class _Person:
    name: str
    mentions: list[_Mention] = field(default_factory=list)
    info: TitleInfo | None = None

    @property
    def surname(self) -> str:
        return _surname(self.name)


def _surname(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    parts = [p for p in parts if p.lower().strip(".") not in lexicon().particles] or parts
    return parts[-1].lower() if parts else ""


def _name_token(tok: Token) -> bool:
    text = tok.text
    if not text or not text[0].isupper() or text.lower() in _NOT_NAME:
        return False
    if re.fullmatch(r"[A-Z]\.", text):  # middle initial "W."
        return True
    if not re.fullmatch(r"[A-Z][\w'\u2019]*(?:-[A-Z]?[\w'\u2019]+)*", text) or any(c.isdigit() for c in text):
        return False
    if text.isupper() and len(text) > 1:  # acronyms: "NATO", "MOSCOW"
        return False
    return not is_title_word(tok)


def _extend_name(doc: Doc, i: int, limit: int = 5) -> int:
    """End (exclusive) of the name that starts at token ``i``, or ``i`` if none."""
    particles = lexicon().particles
    j = i
    while j < len(doc) and j - i < limit:
        tok = doc[j]
        if _name_token(tok):
            j += 1
            continue
        # "al-Ghanimi", "bin Salman": a particle followed by a name word
        if (_low(tok) in particles and j + 1 < len(doc)
                and (doc[j + 1].text == "-" or _name_token(doc[j + 1]))):
            j += 1
            continue
        if tok.text == "-" and j > i and j + 1 < len(doc) and _name_token(doc[j + 1]) and not tok.whitespace_ \
                and not doc[j - 1].whitespace_:
            j += 1
            continue
        break
    # a possessive or a state name at the end is not part of the name
    while j > i and (state_code(doc[j - 1].text) or doc[j - 1].text in {"-"}):
        j -= 1
    return j


def _name_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip()


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token spans that look like personal names: PERSON entities and capitalised
    runs right after a title head (the small model misses "Chancellor Olaf Scholz")."""
    spans: dict[int, int] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        i = ent.start
        while i < ent.end and (is_title_word(doc[i]) or match_head(doc, i)):
            i += 1
        if i >= ent.end:
            continue
        end = _extend_name(doc, i)
        if end <= i or end < ent.end - 1:
            continue
        text = _name_text(doc, i, end)
        if state_code(text):
            continue
        spans[i] = max(spans.get(i, i), end)
    i = 0
    while i < len(doc):
        hit = match_head(doc, i)
        if hit:
            j = i + hit[0]
            end = _extend_name(doc, j)
            if end > j and j not in spans:
                text = _name_text(doc, j, end)
                if not state_code(text) and (end - j >= 2 or any(e.start == j and e.label_ == "PERSON" for e in doc.ents)):
                    spans[j] = end
            i = j
            continue
        i += 1
    out = sorted(spans.items())
    # drop spans nested in an earlier one
    result: list[tuple[int, int]] = []
    for s, e in out:
        if result and s < result[-1][1]:
            continue
        result.append((s, e))
    return result


def _prefix_run(doc: Doc, start: int) -> list[Token]:
    """Tokens before a name that may hold its title, nearest last."""
    lex = lexicon()
    run: list[Token] = []
    k = start - 1
    # The small model's sentence splits are unreliable around brackets and
    # abbreviations, so the walk stops at punctuation rather than at sent.start.
    while k >= 0 and len(run) < 14:
        tok = doc[k]
        low = _low(tok)
        if low in _RUN_STOP or low in _DETERMINERS or _hard_stop(tok):
            break
        if low in lex.drop:
            k -= 1
            continue
        if tok.text in {"(", ")", "-", "'s", "'", "of", "for", "the"} or _is_cap(tok) or low in lex.modifiers \
                or is_title_word(tok) or match_head(doc, k):
            run.insert(0, tok)
            k -= 1
            continue
        # "the company's Director General": an organisation noun in the possessive
        if k + 1 < start and _low(doc[k + 1]) in {"'s", "'"} and low in lex.org_words:
            run.insert(0, tok)
            k -= 1
            continue
        break
    # a run that starts with "the", "of" or "for" has lost its head: trim it
    while run and _low(run[0]) in {"the", "of", "for", "'s", "-", ")"}:
        run = run[1:]
    return run


def _apposition_run(doc: Doc, end: int) -> list[Token]:
    """Tokens of ", deputy chief of mission at the Russian embassy," after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    sent_end = len(doc)
    run: list[Token] = []
    k = end + 1
    if k < sent_end and _low(doc[k]) in {"a", "an", "the"}:
        k += 1
    while k < sent_end and len(run) < 16:
        tok = doc[k]
        if _hard_stop(tok) or tok.text in {",", ";", ":", ".", '"', "\u201d", "\u201c", "(", ")"} and not (tok.text == "(" and run):
            break
        # a verb means a clause ("who said", "speaking to"), not an apposition
        if tok.pos_ in {"VERB", "AUX"} or _low(tok) in {"who", "which", "that"}:
            return []
        run.append(tok)
        k += 1
    return run


def _apposition_info(doc: Doc, end: int) -> TitleInfo | None:
    run = _apposition_run(doc, end)
    if not run:
        return None
    # the head must come early: ", who ..." was rejected; ", the country's ..." is fine
    if not any(match_head(run, j) for j in range(min(len(run), 8))):
        return None
    info = read_title_phrase(run)
    if info and info.kind == RANK:
        return None
    if info and info.organization is None and info.kind != NON_OFFICIAL:
        # "adviser to President Ilham Aliyev" names no organisation
        info.organization = None
    return info


def _prefix_info(doc: Doc, start: int) -> TitleInfo | None:
    run = _prefix_run(doc, start)
    info = read_title_phrase(run) if run else None
    if info is None:
        return None
    if info.kind == RANK:
        # "Bangladesh's navy chief, Admiral Mohammad Nizamuddin Ahmed": the office
        # stands before the comma and outranks the rank.
        first = run[0].i
        if first - 1 >= 0 and doc[first - 1].text == ",":
            office = read_title_phrase(_prefix_run(doc, first - 1))
            if office and office.kind not in {RANK, NON_OFFICIAL, COUNTERPART}:
                return office
    return info


def _become_info(doc: Doc, mention: _Mention) -> TitleInfo | None:
    """"X said at his confirmation hearing to become defense secretary"."""
    sent = doc[mention.start].sent
    for tok in sent:
        if tok.i < mention.end or tok.lemma_.lower() not in {"become", "as", "appoint", "name"}:
            continue
        k = tok.i + 1
        run: list[Token] = []
        if k < sent.end and _low(doc[k]) in {"a", "an", "the"}:
            k += 1
        while k < sent.end and len(run) < 6 and doc[k].text not in {",", ".", ";"} and doc[k].pos_ not in {"VERB", "AUX"} \
                and _low(doc[k]) not in {"that", "and"}:
            run.append(doc[k])
            k += 1
        if run and match_head(run, len(run) - 1) or any(match_head(run, j) for j in range(len(run))):
            info = read_title_phrase(run)
            if info and info.kind not in {RANK, COUNTERPART}:
                return info
    return None


def dateline_country(text: str) -> str | None:
    """Country of the dateline city ("MOSCOW, July 19. /TASS/", "BAKU (Reuters) -")."""
    for m in _DATELINE.finditer(text[:3000]):
        code = state_code(m.group(1).strip().title())
        if code:
            return code
    return None


def _sentence_place_country(doc: Doc, tok_i: int) -> str | None:
    """"In Washington, Secretary of State Mike Pompeo ...": the place the sentence opens with."""
    sent = doc[tok_i].sent
    m = re.match(r"\s*In ([A-Z][\w.]+(?: [A-Z][\w.]+)?),", sent.text)
    return state_code(m.group(1)) if m else None


def _plural_titles(doc: Doc, first: _Mention, second: _Mention) -> list[TitleInfo] | None:
    """"the presidents of Armenia and Azerbaijan" (or "his Armenian and Azerbaijani
    counterparts") in this or the previous sentence, for names given as "A and B"."""
    lex = lexicon()
    sent = doc[first.start].sent
    scope_start = sent.start
    if sent.start > 0:
        scope_start = doc[sent.start - 1].sent.start
    toks = doc[scope_start:first.start]
    for j in range(len(toks)):
        for n in (3, 2, 1):
            key = tuple(_low(t) for t in toks[j:j + n])
            if len(key) == n and key in lex.plural_heads:
                title = lex.plural_heads[key]
                codes: list[str] = []
                # "presidents of Armenia and Azerbaijan"
                k = j + n
                if k < len(toks) and _low(toks[k]) == "of":
                    for t in toks[k + 1:k + 6]:
                        c = state_code(t.text)
                        if c:
                            codes.append(c)
                # "Armenian and Azerbaijani counterparts"
                if not codes:
                    for t in toks[max(0, j - 4):j]:
                        c = state_code(t.text)
                        if c:
                            codes.append(c)
                if len(codes) >= 2:
                    return [TitleInfo(title=title, country=codes[0], kind=COUNTERPART if title == "counterpart" else "office"),
                            TitleInfo(title=title, country=codes[1], kind=COUNTERPART if title == "counterpart" else "office")]
    return None


class PersonResolver:
    """Maps a later mention of a person to the full name as first given.

    Knows surnames and other aliases, titles ("the minister", "the Israeli
    leader") and, for pronouns, the person mentioned last before the pronoun.
    """

    def __init__(self, doc: Doc, people: Sequence[_Person], officials: Sequence[OfficialRecord]):
        self.doc = doc
        self._people = list(people)
        self._officials = {o.name: o for o in officials}
        # (char offset, full name) of every mention, in text order
        self.mentions: list[tuple[int, int, str]] = sorted(
            (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), p.name)
            for p in self._people for m in p.mentions
        )

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._people]

    def is_official(self, name: str) -> bool:
        return name in self._officials

    def official(self, name: str) -> OfficialRecord | None:
        return self._officials.get(name)

    def by_name(self, text: str) -> str | None:
        """Full name for a name or surname ("Fomin", "Al-Ghanimi")."""
        low = re.sub(r"(?:'s|\u2019s)$", "", text.strip()).lower()
        if not low:
            return None
        for p in self._people:
            if p.name.lower() == low or any(m.text.lower() == low for m in p.mentions):
                return p.name
        sur = _surname(low)
        hits = [p for p in self._people if p.surname == sur]
        return hits[0].name if len(hits) == 1 else None

    def person_at(self, start: int, end: int) -> str | None:
        """The person whose mention covers the characters [start, end)."""
        for s, e, name in self.mentions:
            if s < end and start < e:
                return name
        return None

    def last_before(self, offset: int, *, official_only: bool = False) -> str | None:
        best = None
        for s, _e, name in self.mentions:
            if s >= offset:
                break
            if official_only and name not in self._officials:
                continue
            # "he" never refers to NER noise such as a lone "Patriot"
            if name not in self._officials and len(name.split()) < 2:
                continue
            best = name
        return best

    def by_title(self, phrase: str, offset: int) -> str | None:
        """"the minister", "the Russian minister", "the Israeli leader": the latest
        official before ``offset`` whose title has the head word (and country)."""
        words = [w for w in re.findall(r"[\w.\-']+", phrase.lower()) if w not in {"the", "a", "an", "'s"}]
        if not words:
            return None
        head = words[-1]
        codes = {c for c in (state_code(w.title()) for w in words[:-1]) if c}
        best = None
        for s, _e, name in self.mentions:
            if s >= offset:
                break
            off = self._officials.get(name)
            if off is None or not off.title:
                continue
            if codes and off.country not in codes:
                continue
            title_words = set(re.findall(r"[\w\-]+", off.title.lower()))
            if head in title_words or (head == "leader" and is_head_of_state_title(off.title)):
                best = name
        return best


def _cluster(doc: Doc, mentions: list[_Mention]) -> list[_Person]:
    people: list[_Person] = []
    for m in mentions:
        words = [w for w in re.split(r"\s+", m.text) if w]
        sur = _surname(m.text)
        match = None
        for p in reversed(people):
            if p.surname != sur:
                continue
            pw = p.name.split()
            # two full names with different first names are two people
            if len(words) >= 2 and len(pw) >= 2 and words[0].lower() != pw[0].lower() and not re.fullmatch(r"[A-Z]\.", words[0]):
                continue
            match = p
            break
        if match is None:
            people.append(_Person(name=m.text, mentions=[m]))
            continue
        match.mentions.append(m)
        # the full name is the first multi-word form ("Shoigu" in a headline, then "Sergei Shoigu")
        if len(match.name.split()) < 2 <= len(words):
            match.name = m.text
    return people


def _people(doc: Doc) -> list[_Person]:
    mentions = [_Mention(s, e, _name_text(doc, s, e)) for s, e in _candidates(doc)]
    people = _cluster(doc, mentions)
    # Catch later mentions the NER missed ("Serzh" tagged as a place): every
    # further occurrence of a known full name or surname.
    known = {(m.start, m.end) for p in people for m in p.mentions}
    for p in people:
        forms = {p.name}
        if len(p.name.split()) >= 2:
            forms.add(p.name.split()[-1])
        for form in sorted(forms, key=len, reverse=True):
            for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc.text, flags=re.IGNORECASE):
                span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
                if span is None or not hit.group(0)[0].isupper():
                    continue
                if any(s <= span.start < e for s, e in known):
                    continue
                known.add((span.start, span.end))
                p.mentions.append(_Mention(span.start, span.end, hit.group(0)))
        p.mentions.sort(key=lambda m: m.start)
    people.sort(key=lambda p: p.mentions[0].start)
    return people


def _assign_titles(doc: Doc, people: list[_Person]) -> None:
    by_start = {m.start: (p, m) for p in people for m in p.mentions}
    ordered = sorted(by_start.items())
    for _s, (p, m) in ordered:
        m.info = _prefix_info(doc, m.start)
        # an office in an apposition outranks a rank before the name
        if m.info is None or m.info.kind == RANK:
            m.info = _apposition_info(doc, m.end) or m.info
    # Counterparts and plural titles need the neighbours' titles.
    for idx, (_s, (p, m)) in enumerate(ordered):
        nxt = ordered[idx + 1][1] if idx + 1 < len(ordered) else None
        if m.info is None and nxt and nxt[0] is not p and doc[m.end:nxt[1].start].text.strip() == "and" \
                and nxt[1].info is None:
            pair = _plural_titles(doc, m, nxt[1])
            if pair:
                m.info, nxt[1].info = pair
        if m.info and m.info.kind == COUNTERPART:
            before = [q for _t, (q, qm) in ordered[:idx] if qm.info and qm.info.kind not in {COUNTERPART, NON_OFFICIAL}
                      and doc[qm.start].sent == doc[m.start].sent]
            prev = before[-1] if before else None
            prev_info = next((qm.info for _t, (q, qm) in ordered[:idx] if q is prev and qm.info), None) if prev else None
            if prev_info:
                m.info = TitleInfo(title=prev_info.title, organization=prev_info.organization,
                                   country=m.info.country or prev_info.country, kind="office",
                                   start=m.info.start, end=m.info.end)
            else:
                m.info = None
    for p in people:
        infos = [m.info for m in p.mentions if m.info and m.info.kind != COUNTERPART]
        offices = [i for i in infos if i.kind not in {RANK, NON_OFFICIAL}]
        if any(i.kind == NON_OFFICIAL for i in infos) and not offices:
            p.info = infos[0]
            continue
        p.info = offices[0] if offices else (infos[0] if infos else None)
        if p.info is None:
            p.info = _become_info(doc, p.mentions[0])
        if p.info and not p.info.country:
            p.info.country = next((i.country for i in infos if i.country), None)


def _fill_countries(doc: Doc, people: list[_Person]) -> None:
    home = dateline_country(doc.text)
    by_name = {p.name: p for p in people}
    for p in people:
        info = p.info
        if info is None or info.country:
            continue
        m = p.mentions[0]
        # "adviser to President Ilham Aliyev" serves that president's state
        if info.start >= doc[m.end - 1].idx:
            for q in people:
                if q is p or q.info is None:
                    continue
                for qm in q.mentions:
                    if info.start <= doc[qm.start].idx <= info.end + 2 and re.search(
                            r"\bto\b", doc.text[info.start:doc[qm.start].idx]):
                        info.country = q.info.country
        if info.country:
            continue
        org_country = None
        if info.organization:
            org_country = next((c for c in (state_code(w) for w in info.organization.split()) if c), None)
        info.country = org_country or _sentence_place_country(doc, m.start) or home
    # a second pass for "adviser to X" when X's country came from the dateline
    for p in people:
        if p.info and not p.info.country:
            p.info.country = home
    _ = by_name


def _official_people(doc: Doc) -> list[_Person]:
    people = _people(doc)
    _assign_titles(doc, people)
    _fill_countries(doc, people)
    return people


def _records(doc: Doc, people: Iterable[_Person]) -> list[OfficialRecord]:
    out: list[OfficialRecord] = []
    for p in people:
        info = p.info
        if info is None or info.kind == NON_OFFICIAL or not info.title:
            continue
        first = p.mentions[0]
        aliases = sorted({m.text for m in p.mentions if m.text != p.name}, key=lambda a: (a.lower(), a))
        conf = 0.8 if info.kind != RANK else 0.6
        out.append(OfficialRecord(
            name=p.name,
            title=info.title,
            organization=info.organization,
            country=info.country,
            aliases=aliases,
            start=doc[first.start].idx,
            end=doc[first.end - 1].idx + len(doc[first.end - 1].text),
            confidence=conf,
        ))
    return out


def extract_officials(doc: Doc, actor_mentions: Any = None) -> list[OfficialRecord]:
    """Every named person with an official position, once, in order of first mention.

    ``actor_mentions`` is accepted for the pipeline's uniform call; countries come
    from the title phrases themselves (demonyms, possessives) and the gazetteer.
    """
    try:
        return _records(doc, _official_people(doc))
    except Exception:  # one odd article must not sink the whole extraction
        return []


def build_resolver(doc: Doc, officials: Sequence[OfficialRecord] | None = None) -> PersonResolver:
    """A resolver over every person in ``doc`` (officials or not)."""
    try:
        people = _official_people(doc)
    except Exception:
        people = []
    if officials is None:
        officials = _records(doc, people)
    # a caller's official list may name people under the same full names
    return PersonResolver(doc, people, officials)


def person_spans(doc: Doc) -> list[Span]:
    """Every person mention as a Span (for tests and debugging)."""
    resolver = build_resolver(doc)
    out = []
    for s, e, _name in resolver.mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out
