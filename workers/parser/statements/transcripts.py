"""Transcripts and introduced remarks.

Transcripts: briefings, press conferences and parliamentary exchanges where a
line opens with the speaker's label ("MR. KIRBY: ...", "Dr Fox: ...", "Barry
Gardiner (Brent North) (Lab): ...", "The Secretary of State for International
Trade (Dr Liam Fox): ...").

What follows a person's label, up to the next label, is that person's own words:
each sentence is an utterance of theirs, a direct quote. An answer label
("A:") stands for the interviewee, the person named last before the first
question. A question label ("Q:", "QUESTION:", also with the one who asks in
brackets: "QUESTION (Deputy X):") or any other label ("What happens next:
...", "Editor's note: ...") ends the turn. An article counts as a transcript only when at least two of its
lines carry a person's or a question label, so that one "Name: headline" line in
a news report is not read as a turn.

Introduced remarks: a paragraph that ends with its speaker and a reporting verb
and a colon ("Defence Secretary John Healey said:"), as government releases
print them, introduces the speaker's words in the next paragraph, without
quotation marks; a further paragraph in the first person goes on with them.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

from ..people.persons import PersonResolver
from ..text.nlp import doc_text
from ..vocab import words
from .organisations import OrgRegistry
from .speakers import Speaker, resolve_subject, subject_of
from .utterance import Utterance, trim

# A label at the start of a line, up to its colon; the words may start on the
# same line or on the next ("MINISTER SOMMERFELD:" above her answer).
_LABEL = re.compile(r"^(?P<label>[^:\n]{1,160}?):(?:[ \t]+|[ \t]*\n+[ \t]*)(?=\S)"
                    # "Q. Will ...?" / "A. The first ...": an interview's letters with a point
                    r"|^(?P<letter>[QA])\.[ \t]+(?=\S)", re.M)
_PARENS = re.compile(r"\(([^()]*)\)")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'\u2019-]*|[a-z]{1,3}|al-\w+)$")
# A turn sentence shorter than this is a greeting or a courtesy ("Thank you.").
_MIN_WORDS = 5
# A label without brackets longer than this is a sentence with a colon in it.
_MAX_LABEL_WORDS = 8


def _honorifics() -> frozenset[str]:
    return frozenset(words()["transcript_honorifics"])


def _question(label: str) -> bool:
    """"Q:", "QUESTION:", and a question label that names the one who asks
    ("QUESTION (Assembly member X):"): a question is no statement of theirs."""
    head = label.split("(", 1)[0]
    return head.strip().lower().rstrip(".") in words()["transcript_question_labels"]


def _answer(label: str) -> bool:
    return label.strip().lower().rstrip(".") in words()["transcript_answer_labels"]


def _person(label: str, resolver: PersonResolver) -> str | None:
    """The person a label names: a name in brackets ("... (Dr Liam Fox)"), else
    the words before any bracket or comma when they are all capitalised ("MR.
    KIRBY", "PRESS SECRETARY JOHN F. KIRBY", "Barry Gardiner")."""
    for inner in _PARENS.findall(label):
        found = _name_in(inner, resolver)
        if found:
            return found
    head = re.split(r"[(,]", label, maxsplit=1)[0].strip()
    if not head or len(head.split()) > 6 or not all(_NAME_WORD.match(w) for w in head.split()):
        return None
    return _name_in(head, resolver)


def _name_in(phrase: str, resolver: PersonResolver) -> str | None:
    """A known person named by ``phrase`` or by its last words, without
    honorifics and titles ("MR PRICE" -> "Ned Price")."""
    ws = [w for w in phrase.split() if w.lower().rstrip(".") not in _honorifics()]
    for k in range(len(ws)):
        cand = " ".join(ws[k:])
        if not cand:
            continue
        found = resolver.by_name(cand) or resolver.by_name(cand.title())
        if found:
            return found
    return None


def transcript_turns(doc: Doc, resolver: PersonResolver, taken: Sequence[Utterance]) -> list[Utterance]:
    """One utterance per sentence of each person's turn; sentences that hold an
    utterance found otherwise (a quote, "X said that ...") are left to it."""
    text = doc_text(doc)
    labels: list[tuple[int, int, str | None, bool]] = []  # line start, text start, person, is a turn label
    found = [(m, m.group("label") or m.group("letter")) for m in _LABEL.finditer(text)
             if _opens_with_label(text[m.start():m.end() + 1])]
    # "Q: ... A: ...": the interviewee is the person named last before the first question
    first_q = next((m.start() for m, label in found if _question(label)), None)
    interviewee = resolver.last_before(first_q) if first_q is not None else None
    for m, label in found:
        person = interviewee if _answer(label) else None if _question(label) else _person(label, resolver)
        labels.append((m.start(), m.end(), person, person is not None or _question(label)))
    if sum(1 for lab in labels if lab[3]) < 2 or not any(lab[2] for lab in labels):
        return []
    out: list[Utterance] = []
    for k, (line_start, body_start, person, _turn) in enumerate(labels):
        if person is None:
            continue
        end = labels[k + 1][0] if k + 1 < len(labels) else len(text)
        end = _turn_end(text, body_start, end)
        if _answer(found[k][1]):
            # "Q: ... A: ...": an interview answers in one paragraph; what
            # follows the last answer is the reporter's own text again
            para = text.find("\n", body_start, end)
            if para != -1:
                end = para
        out += _sentences(doc, Speaker(person, True), body_start, end, taken)
    return out


def _turn_end(text: str, start: int, end: int) -> int:
    """A turn runs over its paragraphs up to the next label, but not past a
    heading (a short line without a closing point) that starts another part."""
    for m in re.finditer(r"\n+([^\n]+)", text[start:end]):
        line = m.group(1).strip()
        if line and len(line) < 120 and not re.search(r"[.!?\"\u201d:]$", line):
            return start + m.start()
        # "[The report was based on ...]": an editor's note in brackets
        if line.startswith("["):
            return start + m.start()
    return end


def _sentences(doc: Doc, speaker: Speaker, start: int, end: int, taken: Sequence[Utterance]) -> list[Utterance]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    text = doc_text(doc)
    out: list[Utterance] = []
    for sent in span.sents:
        s, e = trim(text, max(sent.start_char, start), min(sent.end_char, end))
        if e <= s or text[s:e].rstrip().endswith("?") or len(text[s:e].split()) < _MIN_WORDS:
            continue
        if any(u.start < e and s < u.end for u in taken):
            continue
        out.append(Utterance(speaker=speaker, start=s, end=e, direct=True, context_start=s, context_end=e,
                             verb="turn", confidence=0.6))
    return out


def _opens_with_label(paragraph: str) -> bool:
    """A speaker's or a section's label opens the paragraph: "Q:", "Dr Fox:",
    "The Secretary of State (Dr Liam Fox):". A sentence with a colon in it
    ("This agreement is exactly what our plan is for: more jobs") is none."""
    m = _LABEL.match(paragraph)
    if m is None:
        return False
    label = m.group("label")
    return label is None or len(label.split()) <= _MAX_LABEL_WORDS or "(" in label


# Words of a paragraph that speaks in the first person (what a speaker says
# rather than what the release reports).
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
# Paragraphs after an introducing line that may still be the speaker's.
_MAX_INTRODUCED = 2


def introduced_remarks(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry,
                       taken: Sequence[Utterance]) -> list[Utterance]:
    """The paragraphs after "X said:" as X's direct words."""
    text = doc_text(doc)
    clause_verbs = words()["clause_verbs"]
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    out: list[Utterance] = []
    for k, (ps, pe) in enumerate(paragraphs):
        line = text[ps:pe].rstrip()
        if not line.endswith(":") or len(line.split()) > 25:
            continue
        span = doc.char_span(ps, ps + len(line) - 1, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        verb = span[-1]
        if verb.lemma_.lower() not in clause_verbs or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = subject_of(verb)
        speaker = resolve_subject(doc, subj, verb, resolver, orgs) if subj is not None else None
        if speaker is None:
            continue
        for j, (qs, qe) in enumerate(paragraphs[k + 1:k + 1 + _MAX_INTRODUCED]):
            body = text[qs:qe]
            if body.rstrip().endswith(":") or _opens_with_label(body) or j > 0 and not _FIRST_PERSON.search(body):
                break
            s, e = trim(text, qs, qe)
            if e - s < 12 or any(u.start < e and s < u.end for u in taken):
                break
            out.append(Utterance(speaker=speaker, start=s, end=e, direct=True, context_start=ps, context_end=e,
                                 verb="intro", confidence=0.6))
    return out
