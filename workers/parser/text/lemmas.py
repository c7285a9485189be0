"""spaCy's English rule lemmatizer with every answer cached.

The stock lemmatizer caches a lemma by (word, part of speech, morphology) only
when it reaches its suffix rules: a word it returns early (a singular noun, a
verb in the infinitive, a proper noun: most of the words of an article) is worked
out again each time, building a ``MorphAnalysis`` and its dict for the test. The
answer depends on nothing but that key (the tables are fixed once loaded), so
this lemmatizer caches every answer, and reads the key of every token from one
``Doc.to_array`` instead of a ``Token`` per word. It sets the same lemmas
(``tests/parser/test_lemmas.py`` compares both).

No ``from __future__ import annotations`` here: spaCy reads the factory's
annotations at run time to validate its config.
"""

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

_KEY_ATTRS = [ORTH, POS, MORPH, LEMMA]


class CachedLemmatizer(EnglishLemmatizer):
    """``EnglishLemmatizer`` that keeps every lemma it works out; same lemmas."""

    # The key grows with the vocabulary: past this many entries the cache starts
    # over, so a long-running worker's memory stays bounded.
    MAX_ENTRIES = 100_000

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables()
        if not len(doc):
            return doc
        columns = doc.to_array(_KEY_ATTRS)
        cache = self._lemmas
        strings = self.vocab.strings
        lemmas = columns[:, 3].copy()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            # As the stock lemmatizer: a lemma already set (by the attribute
            # ruler) stays unless the component overwrites.
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                if len(cache) >= self.MAX_ENTRIES:
                    cache.clear()
                found = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            if found != lemma:
                lemmas[i] = found
                changed = True
        if changed:
            doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64, copy=False))
        return doc


@Language.factory(
    "cached_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "rule", "overwrite": False},
)
def make_cached_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> CachedLemmatizer:
    # The rule lemmatizer has no trained model: it reads lookup tables only.
    return CachedLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def use_cached_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Replace the pipeline's lemmatizer with a ``CachedLemmatizer`` of the same
    mode that reads the same tables."""
    stock = nlp.get_pipe(name)
    nlp.replace_pipe(name, "cached_lemmatizer", config={"mode": stock.mode, "overwrite": stock.overwrite})
    cached = nlp.get_pipe(name)
    cached.lookups = stock.lookups
    cached._validate_tables()
