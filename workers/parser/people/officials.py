"""Officials: named people with a public position, and who later mentions mean.

A person counts as an official when the article gives them an office (a title
from ``vocab/data/official_titles.json``): before the name ("Russian Deputy Prime
Minister Dmitry Rogozin"), in an apposition ("Alexander Mikheyev, the head of
Rosoboronexport"), through a counterpart ("his Armenian counterpart Yuri
Khachaturov" takes the title of the person before) or through a plural title
followed by the names in order ("the presidents of Armenia and Azerbaijan ...
Serzh Sargsyan and Ilkham Aliyev"); ``title_runs.py`` reads those phrases
around each mention. People the article gives no office, or a non-official
one (analysts, journalists), are left out: bylines and NER noise ("Der
Spiegel" tagged as a person) have no title and so drop out too.

A person's country comes from the words around the name (a demonym or
possessive in the title, a counterpart's own demonym, a body the gazetteer
files under a state, the state the sentence is about; ``countries.py``),
never from the dateline: the dateline is where the reporter files from. With
none of these the country stays empty.

``build_resolver`` gives the ``people.PersonResolver`` that maps later mentions
(surname, "the minister", "he") back to the full name as first given;
``statements/extract.py`` uses it to attribute speech.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from spacy.tokens import Doc

from .clauses import become_info, clause_info, legislator_info, member_info, person_description, us_states
from .countries import fill_countries
from .employers import private_employer, research_body
from .known import known_info
from .names import ship_name, vessel_or_place
from .persons import PersonResolver, people_in, Person
from .title_runs import apposition_info, party_info, plural_prefix, plural_titles, prefix_info, rank_info
from ..records import OfficialRecord
from ..catalogue.titles import COUNTERPART, NON_OFFICIAL, RANK, TitleInfo, state_code
from ..text import columns
from ..text.nlp import doc_text

# What stands between two names of a list: "," or "and", after the first one's state.
_LISTED_STATE = re.compile(r"(?:of ((?:the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?) ?)?(?:,|and|, and)$")
# Seats in a legislature, which an office given in an apposition outranks.
_SEATS = {"senator", "sen", "rep", "representative", "congressman", "congresswoman", "lawmaker", "legislator", "mp"}


def _assign_titles(doc: Doc, people: list[Person]) -> None:
    by_start = {m.start: (p, m) for p in people for m in p.mentions}
    ordered = sorted(by_start.items())
    for _s, (p, m) in ordered:
        m.info = prefix_info(doc, m.start)
        # an office in an apposition outranks a rank before the name, and a
        # seat in a legislature ("Senator X, the minority leader,")
        if m.info is None or m.info.kind == RANK or (m.info.title or "").lower().rstrip(".") in _SEATS:
            app = apposition_info(doc, m.end)
            if app and (m.info is None or m.info.kind == RANK or app.kind not in {NON_OFFICIAL, COUNTERPART, RANK}):
                m.info = app
    # Counterparts and plural titles need the neighbours' titles.
    listed: TitleInfo | None = None
    for idx, (_s, (p, m)) in enumerate(ordered):
        # each name of a list after a plural title ("Senators A, B and C") holds it
        # (each name may carry its state: "Defence ministers A of Norway and B of Sweden")
        prev_end = ordered[idx - 1][1][1].end if idx else -1
        between = _LISTED_STATE.match(columns.span_text(doc, prev_end, m.start).strip()) if idx else None
        if listed is None or between is None or between.group(1) and not (state_code(between.group(1))
                                                                          or between.group(1) in us_states()):
            listed = plural_prefix(doc, m.start)
        if m.info is None and listed is not None:
            m.info = TitleInfo(title=listed.title, country=listed.country, kind="office",
                               start=listed.start, end=listed.end)
        nxt = ordered[idx + 1][1] if idx + 1 < len(ordered) else None
        if m.info is None and nxt and nxt[0] is not p and columns.span_text(doc, m.end, nxt[1].start).strip() == "and" \
                and nxt[1].info is None:
            pair = plural_titles(doc, m, nxt[1])
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
            if prev_info is None and here:
                # "Lloyd Austin and his Japanese counterpart X": an officeholder
                # the news names without the office
                prev_info = known_info(here[-1].name)
            if prev_info:
                m.info = TitleInfo(title=prev_info.title, organization=prev_info.organization,
                                   country=m.info.country or prev_info.country, kind="office",
                                   start=m.info.start, end=m.info.end)
            else:
                m.info = rank_info(doc, m.start)
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
            p.info = next((i for i in (party_info(doc, m) for m in p.mentions) if i), None)
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
    # ("the frigate Admiral Gorshkov": a ship named after a man, rank and all)
    people = [p for p in people if not ship_name(doc, [(m.start, m.end) for m in p.mentions])
              and (p.info is not None or not vessel_or_place(doc, [(m.start, m.end) for m in p.mentions]))]
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
