"""Officials: named people with a public position, and who later mentions mean.

A person counts as an official when the article gives them an office (a title
from ``vocab/data/official_titles.json``): before the name ("Russian Deputy Prime
Minister Dmitry Rogozin"), in an apposition ("Alexander Mikheyev, the head of
Rosoboronexport"), through a counterpart ("his Armenian counterpart Yuri
Khachaturov" takes the title of the person before) or through a plural title
followed by the names in order ("the presidents of Armenia and Azerbaijan ...
Serzh Sargsyan and Ilkham Aliyev"). People the article gives no office, or a
non-official one (analysts, journalists), are left out: bylines and NER noise
("Der Spiegel" tagged as a person) have no title and so drop out too.

A person's country comes from the words around the name (a demonym or
possessive in the title, a counterpart's own demonym, a body the gazetteer
files under a state, the state the sentence is about; ``countries.py``), never from the dateline:
the dateline is where the reporter files from. With none of these the country
stays empty.

``build_resolver`` gives the ``people.PersonResolver`` that maps later mentions
(surname, "the minister", "he") back to the full name as first given;
``statements/extract.py`` uses it to attribute speech.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Doc, Token

from .clauses import become_info, clause_info, legislator_info, member_info, person_description
from .countries import fill_countries
from .employers import private_employer, research_body
from .known import known_info
from .names import party_label, vessel_or_place
from .persons import PersonResolver, hard_stop, NameMention, people_in, Person
from ..records import OfficialRecord
from ..catalogue.title_phrases import read_title_phrase, remit_start
from ..catalogue.titles import (
    COUNTERPART,
    NON_OFFICIAL,
    RANK,
    TitleInfo,
    _is_cap,
    _low,
    abbreviations,
    is_title_word,
    lexicon,
    match_head,
    skip_honorifics,
    state_code,
)
from ..text.nlp import doc_text

# Words that stop a title run when walking left from a name.
_RUN_STOP = {",", ";", ":", '"', "\u201c", "\u201d", "and", "or", "with", "by", "to", "from", "said", "told"}
# Seats in a legislature, which an office given in an apposition outranks.
_SEATS = {"senator", "sen", "rep", "representative", "congressman", "congresswoman", "lawmaker", "legislator", "mp"}
# Offices that take their place with "to": "ambassador to France".
_TO_HEADS = {"ambassador", "envoy", "adviser", "advisor", "representative", "attache", "emissary"}
_DETERMINERS = {"a", "an", "his", "her", "its", "their", "our", "my", "your"}


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
        # "ambassador to France", "adviser to the President": "to" inside a title
        # "Ambassador to the United Nations": a posting with an organisation;
        # not "adviser to President Ilham Aliyev", where the office is the other man's
        if low == "to" and k > 0 and _low(doc[k - 1]) in _TO_HEADS and run \
                and (state_code(" ".join(t.text for t in run))
                     or all(_is_cap(t) or _low(t) in {"the", "of"} for t in run)) \
                and not any(match_head(run, j) for j in range(len(run))):
            run.insert(0, tok)
            k -= 1
            continue
        # "the Ambassador of the Russian Federation to Ecuador, Vladimir
        # Sprinchan": the posting comes after the sending state
        if low == "to" and run and _posting_of_before(doc, k) \
                and all(_is_cap(t) or _low(t) in {"the", "of"} for t in run):
            run.insert(0, tok)
            k -= 1
            continue
        # "Deputy Prime Minister and Defence Minister Richard Marles": one
        # person holding two offices, the coordination between two title words
        if low == "and" and k > 0 and run and is_title_word(doc[k - 1]) and is_title_word(run[0]) \
                and any(match_head(doc, j) for j in range(run[0].i, start)) \
                or low == "and" and k > 0 and run and _is_cap(doc[k - 1]) and _is_cap(run[0]) \
                and any(_low(t) in lex.org_words for t in run):
            # (or inside a body's name: "National Security and Defense Council")
            run.insert(0, tok)
            k -= 1
            continue
        if low == "and" and run and _is_cap(run[0]) and _portfolio_before(doc, k):
            # "Minister of Defense and Veterans Affairs Colonel Sadio Camara":
            # a portfolio of two parts
            run.insert(0, tok)
            k -= 1
            continue
        if low in _RUN_STOP or low in _DETERMINERS or hard_stop(tok):
            break
        # "LONDON (Reuters) - US Ambassador ...": a spaced hyphen is a dash
        # that ends the dateline, not part of a title
        if tok.text == "-" and tok.whitespace_ and k > 0 and doc[k - 1].whitespace_:
            break
        if low in lex.drop:
            k -= 1
            continue
        # "chief of staff under President X": "under" belongs to a title only
        # as "under secretary"
        if low == "under" and not (k + 1 < start and _low(doc[k + 1]) in {"secretary", "-"}):
            break
        if tok.text == "." and k > 0 and doc[k - 1].lower_ in abbreviations():
            run.insert(0, tok)  # "Lt" "." "Col" ".": the points of a rank
            k -= 1
            continue
        if low in {"(", ")", "-", "'s", "'", "of", "for", "the"} or _is_cap(tok) or low in lex.modifiers \
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
    if not run and start > 0 and doc[start - 1].is_lower:
        # "presidential aide for military-technical cooperation Vladimir
        # Kozhin": an office with its remit in common nouns
        head = remit_start(doc, start)
        if head is not None:
            return _prefix_run(doc, head) + list(doc[head:start])
    # a run that starts with "the", "of" or "for" has lost its head: trim it
    while run and _low(run[0]) in {"the", "of", "for", "'s", "-", ")"}:
        run = run[1:]
    # "The Secretary of State for International Trade (Dr Liam Fox):" the
    # bracket opens the name
    while run and run[-1].text == "(":
        run = run[:-1]
    return run


def _posting_of_before(doc: Doc, k: int) -> bool:
    """``doc[k]`` ("to") follows "Ambassador of [the] <capitalised state>"."""
    j = k - 1
    while j >= 1 and k - j <= 8 and (_is_cap(doc[j]) or _low(doc[j]) in {"the", "of"}):
        if _low(doc[j]) == "of" and _low(doc[j - 1]) in _TO_HEADS and j + 1 < k:
            return True
        j -= 1
    return False


def _portfolio_before(doc: Doc, k: int) -> bool:
    """Capitalised words before ``doc[k]`` follow an office's "of"/"for"
    ("Minister of Defense and ...")."""
    j = k - 1
    while j >= 0 and _is_cap(doc[j]) and k - j <= 4:
        j -= 1
    # ("Secretary of State Mike Pompeo and ...": a name ends the office before "and")
    # (nor "Minister of Defence Tore O. Sandvik and Chief of Defence ...": an
    # office after "and" starts another person's title)
    return j < k - 1 and j >= 1 and _low(doc[j]) in {"of", "for"} and is_title_word(doc[j - 1]) \
        and not any(doc[i].ent_type_ == "PERSON" for i in range(j + 1, k)) and not match_head(doc, k + 1)


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
        # ("(The Left):" has "):" as one token)
        if hard_stop(tok) or tok.text in {",", ";", ":", ".", '"', "\u201d", "\u201c", "(", ")"} and not (tok.text == "(" and run) \
                or tok.is_punct and len(tok.text) > 1 and tok.text[0] in {")", ":", ";", ","}:
            break
        # a verb means a clause ("who said", "speaking to"), not an apposition;
        # a participle after a hyphen is an adjective ("state-owned")
        # ("the ranking member", "the acting minister": a participle that
        # starts an office is no verb)
        if (tok.pos_ in {"VERB", "AUX"} and not (k > 0 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_)
                and not match_head(doc, k) and _low(tok) not in lexicon().modifiers) \
                or _low(tok) in {"who", "which", "that"}:
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
    # "the Minister of ..., Dr Naledi Pandor": the office stands before the courtesy word
    start = skip_honorifics(doc, start)
    run = _prefix_run(doc, start)
    info = read_title_phrase(run) if run else None
    if info is None and start >= 2 and doc[start - 1].text == ",":
        # "The head of Russia's Federal Service ..., Dmitry Shugaev, said"
        office = read_title_phrase(_prefix_run(doc, start - 1))
        if office and office.kind != RANK:
            # "his Ukrainian counterpart, Oleksii Reznikov,": a counterpart
            # takes the office of the person before (see _assign_titles)
            return office
    if info is None:
        return None
    if info.country is None and run and run[0].i >= 1 and doc[run[0].i - 1].text == ",":
        # "his French counterpart, Armed Forces Minister Florence Parly": the
        # counterpart's own demonym is her country, not the first person's
        before = read_title_phrase(_prefix_run(doc, run[0].i - 1))
        if before and before.kind == COUNTERPART and before.country:
            info.country = before.country
    if info.kind == RANK:
        # "Bangladesh's navy chief, Admiral Mohammad Nizamuddin Ahmed": the office
        # stands before the comma and outranks the rank; so does a counterpart's
        # ("his Venezuelan counterpart, Admiral X" holds the first man's office)
        first = run[0].i
        if first - 1 >= 0 and doc[first - 1].text == ",":
            office = read_title_phrase(_prefix_run(doc, first - 1))
            if office and office.kind not in {RANK, NON_OFFICIAL}:
                return office
    return info


def _rank_info(doc: Doc, start: int) -> TitleInfo | None:
    """The military rank right before a name, if that is what stands there."""
    run = _prefix_run(doc, skip_honorifics(doc, start))
    info = read_title_phrase(run) if run else None
    return info if info and info.kind == RANK else None


def _party_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"Wera Hobhouse (Bath) (LD):", "Hassan Abdul Karim (PH-Pasir Gudang)":
    a member of a legislature, or the office given after the label
    ("Barry Gardiner (Brent North) (Lab), Shadow Secretary of State ...:")."""
    label = party_label(doc, mention.end)
    if label is None:
        return None
    k, us = label
    office = _apposition_info(doc, k)
    if office and office.kind not in {NON_OFFICIAL, RANK, COUNTERPART}:
        return office
    return TitleInfo(title="member of Congress" if us else "member of parliament", start=doc[mention.end].idx,
                     end=doc[k - 1].idx + 1)


def _plural_titles(doc: Doc, first: NameMention, second: NameMention) -> list[TitleInfo] | None:
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


def _plural_prefix(doc: Doc, start: int) -> TitleInfo | None:
    """"Senators Bob Crane and Ann Holt", "Defence Ministers A, B and C": the
    office, in the singular, of each name in a list right after a plural title."""
    lex = lexicon()
    end = start - 1 if start > 1 and doc[start - 1].text == "." else start
    for n in (3, 2, 1):
        if end - n < 0:
            continue
        title = lex.plural_heads.get(tuple(_low(t).rstrip(".") for t in doc[end - n:end]))
        if title and title != "counterpart":
            country = state_code(doc[end - n - 1].text) if end - n >= 1 else None
            return TitleInfo(title=title, country=country, kind="office", start=doc[end - n].idx,
                             end=doc[end - 1].idx + len(doc[end - 1].text))
    return None


def _assign_titles(doc: Doc, people: list[Person]) -> None:
    by_start = {m.start: (p, m) for p in people for m in p.mentions}
    ordered = sorted(by_start.items())
    for _s, (p, m) in ordered:
        m.info = _prefix_info(doc, m.start)
        # an office in an apposition outranks a rank before the name, and a
        # seat in a legislature ("Senator X, the minority leader,")
        if m.info is None or m.info.kind == RANK or (m.info.title or "").lower().rstrip(".") in _SEATS:
            app = _apposition_info(doc, m.end)
            if app and (m.info is None or m.info.kind == RANK or app.kind not in {NON_OFFICIAL, COUNTERPART, RANK}):
                m.info = app
    # Counterparts and plural titles need the neighbours' titles.
    listed: TitleInfo | None = None
    for idx, (_s, (p, m)) in enumerate(ordered):
        # each name of a list after a plural title ("Senators A, B and C") holds it
        prev_end = ordered[idx - 1][1][1].end if idx else -1
        if listed is None or doc[prev_end:m.start].text.strip() not in {",", "and", ", and"}:
            listed = _plural_prefix(doc, m.start)
        if m.info is None and listed is not None:
            m.info = TitleInfo(title=listed.title, country=listed.country, kind="office",
                               start=listed.start, end=listed.end)
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
            if prev_info is None:
                # "Lecornu met his Armenian counterpart Suren Papikyan": the person
                # before has no office in this sentence but has one elsewhere
                here = [q for _t, (q, qm) in ordered[:idx] if q is not p and doc[qm.start].sent == doc[m.start].sent]
                prev_info = next((qm.info for q in reversed(here) for qm in q.mentions
                                  if qm.info and qm.info.kind not in {COUNTERPART, NON_OFFICIAL, RANK}), None)
            if prev_info:
                m.info = TitleInfo(title=prev_info.title, organization=prev_info.organization,
                                   country=m.info.country or prev_info.country, kind="office",
                                   start=m.info.start, end=m.info.end)
            else:
                m.info = _rank_info(doc, m.start)
    for p in people:
        infos = [m.info for m in p.mentions if m.info and m.info.kind != COUNTERPART]
        offices = [i for i in infos if i.kind not in {RANK, NON_OFFICIAL}]
        if any(i.kind == NON_OFFICIAL for i in infos) and not offices:
            p.info = infos[0]
            continue
        # a seat in a legislature gives way to an office the article gives
        # elsewhere ("Sen. X ... X, the chairman of the committee, said")
        held = [i for i in offices if (i.title or "").lower().rstrip(".") not in _SEATS] or offices
        p.info = held[0] if held else (infos[0] if infos else None)
        if p.info is not None and (p.info.title or "").lower().rstrip(".") in _SEATS:
            p.info = next((i for i in (clause_info(doc, m) for m in p.mentions) if i), None) or p.info
        if p.info is None:
            # "the day before Scholz was sworn in as chancellor": any mention
            p.info = next((i for i in (become_info(doc, m) for m in p.mentions) if i), None)
        if p.info is None:
            p.info = next((i for i in (clause_info(doc, m) for m in p.mentions) if i), None)
        if p.info is None:
            p.info = next((i for i in (_party_info(doc, m) for m in p.mentions) if i), None)
        if p.info is None and len(p.name.split()) >= 2:
            p.info = member_info(doc, p.mentions[0])
        if p.info is None and len(p.name.split()) >= 2:
            p.info = legislator_info(doc, p.mentions[0])
        if p.info and not p.info.country:
            p.info.country = next((i.country for i in infos if i.country), None)
    # "X chose ... . Russia, the Venezuelan president told viewers": a
    # description that takes up a name the article gives no office
    for p in people:
        if p.info is None:
            p.info = person_description(doc, p, people)
            known = known_info(p.name)
            if p.info and known and (p.info.title or "").lower() == "leader":
                # "the Russian leader" is how the article refers to a president
                p.info.title = known.title
    # "the uprising that toppled Muammar Gaddafi": an officeholder the news
    # names without the office
    for p in people:
        if p.info is None:
            p.info = known_info(p.name)


def _official_people(doc: Doc) -> list[Person]:
    # extract_officials and the statements' resolver both need the people of
    # the same Doc: read them once and keep them with the Doc
    cached = doc.user_data.get("official_people")
    if cached is not None:
        return cached
    people = people_in(doc)
    _assign_titles(doc, people)
    # "The boat, Hai Phong, ..." is no one a later "he" means: a ship or a
    # place the model tags as a person, unless the article gives it an office
    people = [p for p in people if p.info is not None
              or not vessel_or_place(doc, [(m.start, m.end) for m in p.mentions])]
    fill_countries(doc, people)
    doc.user_data["official_people"] = people
    return people


def _records(doc: Doc, people: Iterable[Person]) -> list[OfficialRecord]:
    out: list[OfficialRecord] = []
    text = doc_text(doc)
    for p in people:
        info = p.info
        # ("SIPRI's director": the body may stand anywhere in the phrase)
        if info is None or info.kind == NON_OFFICIAL or not info.title or research_body(info.organization) \
                or research_body(info.title) or info.end > info.start and research_body(text[info.start:info.end]) \
                or private_employer(text, info):
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


def extract_officials(doc: Doc) -> list[OfficialRecord]:
    """Every named person with an official position, once, in order of first mention.

    Countries come from the title phrases themselves (demonyms, possessives) and
    the gazetteer, not from the actor mentions."""
    return _records(doc, _official_people(doc))


def build_resolver(doc: Doc, officials: Sequence[OfficialRecord] | None = None) -> PersonResolver:
    """A resolver over every person in ``doc`` (officials or not)."""
    people = _official_people(doc)
    if officials is None:
        officials = _records(doc, people)
    # a caller's official list may name people under the same full names
    return PersonResolver(doc, people, officials)
