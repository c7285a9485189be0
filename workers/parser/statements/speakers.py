"""Who speaks: the subject of a reporting verb turned into a person or an institution.

A subject is a speaker when it is a named person (or a later mention of one:
surname, "the Israeli leader", "he", "X's office"), or a named institution
("State Department", "the military's Inter Services Public Relations
directorate", and later "the department", "the bloc"; ``organisations.py``
reads their names). It is not one when it is a country or capital ("Ankara has
denied"), an unnamed official or source, or news media ("Der Spiegel reported").
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Token

from ..catalogue import gazetteer
from . import supply_context as sc
from ..people.persons import PersonResolver
from ..catalogue.titles import match_head, state_code
from .organisations import (OrgRegistry, before_member_list, canonical_org, company_shaped, expanded,
                            has_institution, is_alliance, is_company, is_media, named_body, org_name, strip_det)
from .utterance import Speaker
from ..text.nlp import doc_text

_RELATIVE = {"who", "which", "that", "whom"}
_CORE_DEPS = {"compound", "amod", "poss", "case", "det", "nmod", "nummod", "prep", "pobj", "cc", "conj", "punct", "flat"}
DOCUMENT_WORDS = {"report", "statement", "letter", "readout", "document", "communique", "note", "declaration"}
# Verbs whose subject puts out a document ("issued a statement saying ...").
ISSUE_VERBS = {"issue", "release", "publish"}


def _past_vocative(subj: Token) -> Token:
    """"Q: John, Poland's Foreign Ministry said ...": a one-word name that opens
    the sentence with a comma, followed by a body in apposition, is the person
    addressed; the body is the subject."""
    if subj.ent_type_ != "PERSON" or subj.i + 1 >= len(subj.doc) or subj.doc[subj.i + 1].text != "," \
            or any(c.dep_ == "compound" for c in subj.children):
        return subj
    first = next((t for t in subj.sent if t.is_alpha and len(t.text) > 1), None)
    if first is None or first.i != subj.i:
        return subj
    inst = sc.words()["institution_words"]
    body = next((c for c in subj.children if c.dep_ == "appos" and c.lower_ in inst), None)
    return body if body is not None else subj


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject token of a reporting verb, following participles and
    conjoined verbs to the verb whose subject they share."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # "SEOUL (Reuters) - Minister Lee said": the parser may hang the dateline
    # on the verb as a second subject; the one nearest before the verb speaks
    before = [c for c in subjects if c.i < verb.i]
    if len(subjects) > 1 and before:
        subjects = [before[-1]]
    for c in subjects:
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return _past_vocative(c)
    if depth >= 3:
        return None
    # "X said the tanks would arrive, adding: ...": the parser may hang "adding"
    # on the reported clause; its subject is the reporting verb's above it
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        cur = verb.head
        while cur.head.i != cur.i and cur.dep_ in {"ccomp", "conj", "xcomp"}:
            cur = cur.head
            if cur.lemma_.lower() in sc.words()["clause_verbs"]:
                return subject_of(cur, depth + 1)
    # "was quoted by Interfax as saying that ...": through the preposition
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
        return subject_of(verb.head.head, depth + 1)
    # "The jets were received at a ceremony, the general staff of the armed
    # forces said": a verb joined to the sentence's without "and" lost its
    # own subject, the phrase just before it
    if verb.dep_ == "conj" and verb.tag_ in {"VBD", "VBZ"} \
            and not any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        lost = _lost_subject(verb)
        if lost is not None:
            return lost
    if verb.dep_ in {"conj", "advcl", "xcomp", "pcomp"} and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    # "with Foreign Minister X saying ...", not "systems promised to Ukraine"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"PROPN", "NOUN"}:
        return verb.head
    if verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ"}:
        return _lost_subject(verb)
    return None


def _lost_subject(verb: Token) -> Token | None:
    """"In a cable published by WikiLeaks, the US embassy in Nairobi called it
    ...": the parser hung the subject on the phrase before it (an apposition
    of "WikiLeaks"), leaving the verb without one. The noun phrase that ends
    right before the verb, and is no object of a preposition of its own, is
    the subject."""
    if verb.i == 0:
        return None
    cur = verb.doc[verb.i - 1]
    if cur.text == ")" and cur.head.i < cur.i:
        cur = cur.head  # "the general staff of the Royal Armed Forces (FAR) said"
    if cur.is_punct or cur.right_edge.i != verb.i - 1:
        return None
    # climb out of the phrase's own prepositions ("embassy in Nairobi")
    while cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.i < cur.i:
        cur = cur.head.head
    if cur.dep_ not in {"appos"} or cur.pos_ not in {"NOUN", "PROPN"} or cur.right_edge.i != verb.i - 1:
        return None
    return cur


# Diplomatic posts are named by the place they are in or accredited to.
_POSTS = {"embassy", "mission", "consulate", "delegation"}


def _name_prep(head: Token, prep: Token) -> bool:
    """The prepositional phrase is part of an institution's name: "of" ("U.N.
    panel of experts"); "for", "to", "on" between capitalised words ("Federal
    Service for Military-Technical Cooperation", "Panel of Experts on Libya");
    a diplomatic post's place ("UAE Embassy in Washington", "China's mission
    to the United Nations")."""
    low = prep.lower_
    if low == "of":
        return True
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return False
    first = next((t for t in pobj.subtree if t.dep_ != "det"), pobj)
    if not first.text[:1].isupper():
        return False
    if head.lemma_.lower() in _POSTS and low in {"in", "to", "at"}:
        return True
    return low in {"for", "to", "on"} and head.text[:1].isupper()


def _core(tok: Token) -> list[Token]:
    """The noun phrase of ``tok`` without relative clauses, appositions and
    prepositional phrases other than those of a name (``_name_prep``)."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ not in _CORE_DEPS:
                continue
            if c.dep_ == "prep" and not _name_prep(cur, c):
                continue
            if c.dep_ == "conj" and cur is tok:
                continue  # "Germany and France said": the conjuncts are checked apart
            if c.dep_ == "punct":
                continue
            out.append(c)
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _indefinite_official(doc: Doc, subj: Token, resolver: PersonResolver) -> str | None:
    """"a senior Russian diplomat said" in a lead that names him later: the one
    official of that country whose title is of that kind."""
    classes = sc.words()["role_classes"]
    kinds = classes.get(subj.lemma_.lower())
    if not kinds:
        return None
    codes = {c for c in (state_code(t.text) for t in subj.children if t.dep_ in {"amod", "compound"}) if c}
    if not codes:
        return None  # "a Western diplomat" could be anyone
    hits = []
    for name in resolver.names:
        off = resolver.official(name)
        if off is None or not off.title:
            continue
        label = f"{off.title} {off.organization or ''}".lower()
        if any(k in label for k in kinds) and (not codes or off.country in codes):
            hits.append(name)
    return hits[0] if len(hits) == 1 else None


def resolve_subject(doc: Doc, subj: Token, verb: Token, resolver: PersonResolver,
                    orgs: OrgRegistry) -> Speaker | None:
    """The speaker a subject stands for, or None when it is no speaker."""
    w = sc.words()
    low = subj.lower_
    offset = subj.idx
    if low in {"he", "she", "i", "him", "her"}:
        name = resolver.last_before(offset, pronoun=low)
        return Speaker(name, True, pronoun=low) if name else None
    if low == "it":
        name = orgs.last_spoken(offset)
        return Speaker(name, False) if name else None
    if low in {"we", "they", "you"}:
        return None
    root_lemma = subj.lemma_.lower()
    # "a report by a U.N. panel of experts", "the press service of the Federal
    # Service ...": the body behind the document or the press office speaks
    press_office = root_lemma in {"service", "office", "secretary"} and any(
        c.lower_ == "press" and c.dep_ in {"compound", "amod"} for c in subj.children)
    if root_lemma in DOCUMENT_WORDS or press_office:
        for c in subj.children:
            if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return resolve_subject(doc, pobj, verb, resolver, orgs)
        # "a Pentagon statement", "the ministry's statement", "Putin's letter",
        # "the Malyshev plant's press service"
        for c in subj.children:
            if (c.dep_ == "poss" or c.dep_ == "compound" and root_lemma in DOCUMENT_WORDS) \
                    and c.i < subj.i and c.pos_ in {"PROPN", "NOUN"}:
                return resolve_subject(doc, c, verb, resolver, orgs)
        # "the ministry issued a statement saying ...": whoever issued it
        if root_lemma in DOCUMENT_WORDS and subj.dep_ == "dobj" and subj.head.i != subj.i \
                and subj.head.lemma_.lower() in ISSUE_VERBS and verb.head.i == subj.i:
            issuer = next((c for c in subj.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:
                return resolve_subject(doc, issuer, subj.head, resolver, orgs)
        if root_lemma in DOCUMENT_WORDS:
            # "the ministry said. The statement stressed ...": the body's own statement
            if [c.lower_ for c in subj.children if c.dep_ != "punct"] == ["the"]:
                found = orgs.last_spoken(offset)
                return Speaker(found, False) if found else None
        return None
    core = before_member_list(_core(subj))
    start, end = core[0].idx, core[-1].idx + len(core[-1].text)
    # ("in the president's view": a possessor names the same person as the noun)
    text = re.sub(r"\s*['\u2019]s$", "", doc_text(doc)[start:end])
    # "the agency said", "according to the state arms procurement agency": a
    # lowercase description of a body points back to one (before the media
    # test, since "agency" also names news agencies, which never speak here)
    if subj.lower_ in w["org_anaphors_any"] and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children) \
            and all(t.text.islower() or t.dep_ == "det" for t in core):
        found = orgs.by_descriptor(subj.lower_, offset) or orgs.last_spoken(offset)
        if found:
            orgs.remember(offset, found)
            return Speaker(found, False)
    if is_media(core):
        return None
    # "President Erdogan's spokesman Ibrahim Kalin said": the head of the
    # subject speaks, not the person in the possessive before it
    name = resolver.person_at(subj.idx, subj.idx + len(subj.text)) or resolver.person_at(start, end)
    if name is not None and resolver.person_at(subj.idx, subj.idx + len(subj.text)) is None \
            and subj.lemma_.lower() not in {"office", "administration", "government", "camp", "team"} \
            and match_head([subj], 0) and any(
                c.dep_ == "poss" and resolver.person_at(c.idx, c.idx + len(c.text)) == name for c in subj.children):
        name = None  # "Erdogan's spokesman said" is the spokesman, unnamed
    # "Niger's presidency said": a state's name that a person's name ends in
    # ("Actu Niger") is the state, whose body speaks
    if name is not None and resolver.person_at(subj.idx, subj.idx + len(subj.text)) is None and any(
            c.dep_ == "poss" and state_code(c.text) and resolver.person_at(c.idx, c.idx + len(c.text)) == name
            for c in subj.children):
        name = None
    if name is None:
        # "Ukraine's ambassador to France, Vadym Omelchenko": the name in apposition
        # ("A spokeswoman for the ministry, Anna Nowak, said": the parser may
        # hang the apposition on the ministry, deeper in the subject; after
        # "according to" the whole phrase follows the verb)
        for c in [c for c in subj.children if c.dep_ == "appos"] + [
                t for t in subj.subtree if t.dep_ == "appos" and t.head.i != subj.i
                and (t.i < verb.i or verb.i < subj.i)]:
            if c.dep_ == "appos":
                name = resolver.person_at(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                if name:
                    break
    if name is None or len(name.split()) < 2 and not resolver.is_official(name):
        name = _short_name(subj, core, resolver) or name
    if name and (resolver.is_official(name) or len(name.split()) >= 2):
        return Speaker(name, True)
    det = next((c.lower_ for c in subj.children if c.dep_ == "det"), None)
    # "the Chief of the Naval Staff said", "Raksha Mantri said": a capitalised
    # office (the tagger reads it as a proper name) that an official named
    # earlier holds is that official, not a body
    if name is None:
        holder = _title_holder(strip_det(text), offset, resolver)
        if holder:
            return Speaker(holder, True)
    # "the experts wrote", "the monitors said": the members of a panel named
    # before speak as the panel ("experts" alone is no one)
    if det == "the" and subj.tag_ == "NNS" and subj.lower_ in w["org_descriptors"] \
            and [t for t in core if t.dep_ != "det"] == [subj]:
        found = orgs.by_descriptor(subj.lower_, offset)
        if found:
            orgs.remember(offset, found)
            return Speaker(found, False)
    # "the minister", "the Israeli leader"; "the President" (a capitalised
    # office the tagger reads as a name)
    if (subj.pos_ == "NOUN" or subj.pos_ == "PROPN" and det == "the" and len(core) <= 3) and match_head([subj], 0):
        if det in {"a", "an"}:
            found = _indefinite_official(doc, subj, resolver)
            return Speaker(found, True) if found else None
        # "the minister", "the Israeli leader", "the Iraqi army's chief of staff"
        found = resolver.by_title(text, offset)
        return Speaker(found, True) if found else None
    if root_lemma in w["unnamed_words"] or subj.lower_ in w["unnamed_words"]:
        return None
    # "U.N. figures show", "the EU embargo ...", "His government said": figures
    # and bans do not speak, and a government or cabinet is its country speaking
    if root_lemma in w["speechless_heads"] or subj.lower_ in w["speechless_heads"]:
        return _estimating_body(doc, subj, verb, resolver, orgs)
    # "Amnesty said" after "Amnesty International said": the short form of a
    # body that has spoken
    # (an acronym the tagger reads as a plural noun, "NAWS", is a name too)
    if (subj.pos_ == "PROPN" or subj.text.isupper() and len(subj.text) > 1) and len(core) == 1:
        short = orgs.by_short_form(subj.text, offset)
        # "CAAT welcomed the verdict": an acronym the article spells out
        # ("Campaign Against Arms Trade (CAAT)") names a body, spoken or not
        if short is None and not state_code(subj.text):
            spelled = expanded(doc, subj.text)
            if spelled != subj.text and not state_code(spelled):
                short = spelled
        if short:
            orgs.remember(offset, short)
            return Speaker(short, False)
    # "the Kremlin", "the Pentagon": institutions the gazetteer files under their state
    named_institution = _plain(strip_det(text)) in {_plain(n) for n in w["institution_names"]}
    if named_institution:
        name = strip_det(text)
        orgs.remember(offset, name)
        return Speaker(name, False)
    # "Lockheed Martin said", "Dassault Aviation, which said": a company is a
    # named institution (the gazetteer files makers under their state, so this
    # comes before the test for countries)
    # ("CSSC said": the gazetteer knows the acronym, the article spells it out)
    if subj.pos_ == "PROPN" and (is_company(strip_det(text)) or is_company(canonical_org(doc, strip_det(text)))
                                 or company_shaped(core)):
        name = canonical_org(doc, strip_det(text))
        orgs.remember(offset, name)
        return Speaker(name, False)
    if subj.ent_type_ in {"GPE", "NORP"} or state_code(strip_det(text)) or state_code(subj.text):
        return None  # countries and capitals are not speakers
    content = [t for t in core if t.dep_ != "det" and not t.is_punct]
    # "the Foreign Ministry", "the Kuwaiti army": a capitalised word before the
    # descriptor names a body of its own, unless the body that spoke bears it
    named_by = [t for t in content if t.i != subj.i and t.text[:1].isupper()]
    if det == "the" and len(content) <= 2 and subj.lower_ in w["org_descriptors"]:
        # "the ministry", "the department", "the bloc"
        found = orgs.by_descriptor(subj.lower_, offset)
        # "The rights group said", "the state procurement agency said": a
        # generic noun whose word the body's name lacks is the body that spoke last
        if found is None and subj.lower_ in w["org_anaphors_any"]:
            found = orgs.last_spoken(offset)
        if found and not (named_by and not _bears(found, named_by)):
            orgs.remember(offset, found)
            return Speaker(found, False)
        if not named_by:
            return None
    if not has_institution(core, text) and not is_alliance(text) and not named_body(content):
        return None
    if subj.pos_ not in {"PROPN", "NOUN"}:
        return None
    if not any(t.text[:1].isupper() for t in core if t.dep_ != "det" and t.pos_ != "PRON"):
        return None  # "the government" (or "The court" opening a sentence) names no one
    name = canonical_org(doc, org_name(doc, core))
    if not name or state_code(name):
        return None
    orgs.remember(offset, name)
    return Speaker(name, False)


def _short_name(subj: Token, core: list[Token], resolver: PersonResolver) -> str | None:
    """"Du applauded ..." after "Du Gang": a lone word tagged as a person that
    is the first or last word of the full name of exactly one person named
    before (the name finder leaves family names of two letters, written first,
    unlinked)."""
    if len(core) != 1 or subj.pos_ != "PROPN" or subj.ent_type_ != "PERSON":
        return None
    hits = {n for s, _e, n in resolver.mentions if s < subj.idx and len(n.split()) >= 2
            and subj.text in (n.split()[0], n.split()[-1])}
    return hits.pop() if len(hits) == 1 else None


def _plain(name: str) -> str:
    """Lowercase without accents: "the Élysée" is the Elysee."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def _bears(name: str, words: list[Token]) -> bool:
    """The body's name holds each word; a demonym is borne unless the name is
    another state's ("Russian" in "Russia's Defence Ministry" or "the Foreign
    Ministry", not in "Ukraine's Defence Ministry")."""
    states = {state_code(part) for part in re.findall(r"[A-Z][\w.'\u2019]*", name)} - {None}
    return all(t.lower_ in name.lower() or (state_code(t.text) and (not states or state_code(t.text) in states))
               for t in words)


# Figures a research body publishes: "according to SIPRI estimates" is SIPRI's word.
_ESTIMATE_WORDS = {"estimate", "estimates", "data", "figure", "figures", "statistics"}


def _estimating_body(doc: Doc, subj: Token, verb: Token, resolver: PersonResolver,
                     orgs: OrgRegistry) -> Speaker | None:
    """"according to SIPRI estimates": the named body (no country, alliance or
    world body, whose figures are no one's words) that a word for figures
    names in front of it."""
    if subj.lower_ not in _ESTIMATE_WORDS:
        return None
    # (an acronym the tagger reads as an adjective, "SIPRI estimates", is a name too)
    owner = next((c for c in subj.children if c.dep_ in {"compound", "poss", "amod"} and c.i < subj.i
                  and (c.pos_ == "PROPN" or c.text.isupper() and len(c.text) > 1) and c.ent_type_ == "ORG"), None)
    # (a state's, an alliance's or a world body's figures are no one's words)
    ent = next((e for e in doc.ents if e.start <= owner.i < e.end and e.label_ == "ORG"), None) \
        if owner is not None else None
    if ent is None or any(t.i >= subj.i for t in ent) or is_media([owner]) \
            or gazetteer.resolve_actor(strip_det(ent.text)) is not None:
        return None
    found = resolve_subject(doc, owner, verb, resolver, orgs)
    if found is None:
        # ("SIPRI": an acronym the model tags as an organisation is a body's name)
        name = canonical_org(doc, strip_det(ent.text))
        orgs.remember(owner.idx, name)
        found = Speaker(name, False)
    return found


def _title_holder(phrase: str, offset: int, resolver: PersonResolver) -> str | None:
    """The official named last before ``offset`` whose title is ``phrase``
    (case and a leading article aside), when the phrase is an office of at
    least two words ("Chief of the Naval Staff"; "the Minister" is left to
    ``by_title``)."""
    want = " ".join(phrase.lower().split())
    if len(want.split()) < 2:
        return None
    best = None
    for s, _e, name in resolver.mentions:
        if s >= offset:
            break
        off = resolver.official(name)
        if off is not None and off.title and " ".join(strip_det(off.title).lower().split()) == want:
            best = name
    return best
