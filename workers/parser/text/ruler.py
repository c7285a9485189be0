"""spaCy's attribute ruler with its one-token rules looked up instead of matched.

The stock ``attribute_ruler`` of the English models holds about 180 rules. Almost
all are one-token rules ("TAG is NNP: POS is PROPN"), but spaCy's ``Matcher`` runs
every rule on every token, and the rules with ``IN`` sets or regexes call back
into Python for each of them. That made it the fourth most costly step of the
pipeline (about a tenth of its time) for a component that only copies a tag map.

A one-token rule can only depend on the attributes its pattern names, so the
rules that fire on a token are a function of those attributes: this ruler keeps
them in a table keyed by the token's values, filled by running the one-token
rules once per new combination. Rules over several tokens, rules with an
operator, and rules on attributes outside ``_KEYED`` go through a ``Matcher`` as
before. The matches are sorted and applied exactly as the stock ruler does, so
the annotations are the same (``tests/parser/test_ruler.py`` compares both).
"""

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# Token attributes a one-token rule may test and still be looked up, with how to
# read each as a hashable value. MORPH is read as its hash: equal analyses, equal keys.
_KEYED: dict[str, Callable[[Token], object]] = {
    "ORTH": lambda t: t.orth,
    "TEXT": lambda t: t.orth,
    "LOWER": lambda t: t.lower,
    "NORM": lambda t: t.norm,
    "SHAPE": lambda t: t.shape,
    "TAG": lambda t: t.tag,
    "POS": lambda t: t.pos,
    "DEP": lambda t: t.dep,
    "LEMMA": lambda t: t.lemma,
    "MORPH": lambda t: t.morph.key,
    "ENT_TYPE": lambda t: t.ent_type,
}


def _keyed_attrs(pattern: list[dict]) -> set[str] | None:
    """The attributes a one-token, operator-free pattern tests; None for any other."""
    if len(pattern) != 1:
        return None
    keys = {k.upper() for k in pattern[0]}
    if "OP" in keys or not keys <= _KEYED.keys():
        return None
    return keys


class LookupAttributeRuler(AttributeRuler):
    """``AttributeRuler`` that looks its one-token rules up; same results."""

    # Past this many distinct keys (rules on words grow with the vocabulary) the
    # table starts over, so a long-running worker's memory stays bounded: at about
    # 200 bytes an entry, some 20 MB.
    MAX_ENTRIES = 100_000

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_lookup()

    def _reset_lookup(self) -> None:
        self._one_token = Matcher(self.vocab, validate=self.validate)
        # Rules over several tokens, or with an operator, or on other attributes.
        self._other = Matcher(self.vocab, validate=self.validate)
        self._key_names: set[str] = set()
        self._getters: tuple[Callable[[Token], object], ...] = ()
        self._table: dict[tuple, tuple[tuple[int, int], ...]] = {}

    def clear(self) -> None:
        super().clear()
        self._reset_lookup()

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        key = str(len(self.attrs))
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[key]
        keyed = [_keyed_attrs(p) for p in patterns]
        if keyed and all(k is not None for k in keyed) and index in (0, -1):
            self._one_token.add(match_id, patterns)
            self._key_names.update(*keyed)
            # One key over every attribute any one-token rule tests: a single
            # lookup per token. Sorted, so the key does not depend on rule order.
            self._getters = tuple(_KEYED[n] for n in sorted(self._key_names))
            self._table.clear()
        else:
            self._other.add(match_id, patterns)

    def _fired(self, token: Token) -> tuple[tuple[int, int], ...]:
        """(rule number, match id) of every one-token rule that fires on ``token``."""
        key = tuple(get(token) for get in self._getters)
        found = self._table.get(key)
        if found is None:
            if len(self._table) >= self.MAX_ENTRIES:
                self._table.clear()
            strings, doc, i = self.vocab.strings, token.doc, token.i
            found = self._table[key] = tuple(
                (int(strings[m_id]), m_id)
                for m_id, _s, _e in self._one_token(doc[i : i + 1], allow_missing=True, as_spans=False)
            )
        return found

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The stock ruler's matches, in its order: (rule number, match id, start, end)."""
        strings = self.vocab.strings
        matches = [
            (int(strings[m_id]), m_id, s, e) for m_id, s, e in self._other(doc, allow_missing=True, as_spans=False)
        ]
        for token in doc:
            i = token.i
            matches.extend((rule, m_id, i, i + 1) for rule, m_id in self._fired(token))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """As the stock ruler, in the same order; one-token matches skip the Span."""
        for match in matches:
            rule, _m_id, start, end = match
            if end - start == 1 and self.indices[rule] in (0, -1):
                set_token_attrs(doc[start], self.attrs[rule])
            else:
                super().set_annotations(doc, [match])


@Language.factory("lookup_attribute_ruler", default_config={"validate": False})
def make_lookup_attribute_ruler(nlp: Language, name: str, validate: bool) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name, validate=validate)


def use_lookup_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler with a ``LookupAttributeRuler``
    holding the same rules (in the same order, so later rules still win)."""
    stock = nlp.get_pipe(name)
    patterns = stock.patterns
    nlp.replace_pipe(name, "lookup_attribute_ruler")
    nlp.get_pipe(name).add_patterns(patterns)
