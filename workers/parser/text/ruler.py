"""spaCy's attribute ruler with its rules looked up instead of matched.

The stock ``attribute_ruler`` of the English models holds about 180 rules. Almost
all are one-token rules ("TAG is NNP: POS is PROPN"), the rest two-token rules
("there" as an expletive, then a form of "be"), but spaCy's ``Matcher`` runs every
rule on every token, and the rules with ``IN`` sets or regexes call back into
Python for each of them. That made it the fourth most costly step of the
pipeline (about a tenth of its time) for a component that only copies a tag map.

Whether one token of a rule's pattern matches a token can only depend on the
attributes that token's pattern names, so the token patterns that fire on a
token are a function of those attributes: this ruler keeps them in a table keyed
by the token's values (read for the whole Doc in one ``Doc.to_array``), filled by
running the token patterns once per new combination. A rule of several tokens
without operators matches where each of its token patterns fires on the token at
its place. Rules with an operator or on attributes outside ``_KEYED`` go through
a ``Matcher`` as before. The matches are sorted and applied exactly as the stock
ruler does (a later rule wins), and when every rule sets only token fields
(``_COLUMNS``) the result is written back in one ``Doc.from_array``, so the
annotations are the same (``tests/parser/test_ruler.py`` compares both).
"""

from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, ENT_TYPE, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SHAPE, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# Token attributes a token pattern may test and still be looked up, with the
# ``Doc.to_array`` column that holds each (MORPH is the analysis' hash: equal
# analyses, equal keys).
_KEYED: dict[str, int] = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "NORM": NORM,
    "SHAPE": SHAPE,
    "TAG": TAG,
    "POS": POS,
    "DEP": DEP,
    "LEMMA": LEMMA,
    "MORPH": MORPH,
    "ENT_TYPE": ENT_TYPE,
    "IS_SPACE": IS_SPACE,
}
# What a rule may set and still be written as columns: plain fields of the token.
# ``set_token_attrs``, which the stock ruler calls, also writes the lexeme, but
# a lexeme has none of these fields, so a column write is the same.
_COLUMNS = frozenset({LEMMA, POS, TAG, DEP, MORPH})


def _keyed_attrs(pattern: list[dict]) -> set[str] | None:
    """The attributes an operator-free pattern tests; None for any other."""
    if not pattern:
        return None
    keys = {k.upper() for token in pattern for k in token}
    if "OP" in keys or not keys <= _KEYED.keys():
        return None
    return keys


class LookupAttributeRuler(AttributeRuler):
    """``AttributeRuler`` that looks its rules up; same results."""

    # Past this many distinct keys (rules on words grow with the vocabulary) the
    # table starts over, so a long-running worker's memory stays bounded: at about
    # 200 bytes an entry, some 20 MB.
    MAX_ENTRIES = 100_000

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_lookup()

    def _reset_lookup(self) -> None:
        # One pattern per token of each looked-up rule's patterns, by step id.
        self._one_token = Matcher(self.vocab, validate=self.validate)
        # Rules with an operator, or on other attributes.
        self._other = Matcher(self.vocab, validate=self.validate)
        self._key_names: set[str] = set()
        self._key_ids: list[int] = []
        # Step id of a one-token pattern -> its rule number.
        self._single: dict[int, int] = {}
        # (rule number, step ids) of each pattern of several tokens.
        self._multi: list[tuple[int, tuple[int, ...]]] = []
        self._multi_first: frozenset[int] = frozenset()
        self._columns_only = True
        # The fields the rules set, as ``Doc.to_array`` columns.
        self._fields: list[int] = []
        # Key -> (rule numbers of the one-token rules that fire, sorted; the
        # step ids of the longer patterns that fire; what those rules set, as
        # (column, value) in the order they set it).
        self._table: dict[tuple, tuple[tuple[int, ...], frozenset[int], tuple[tuple[int, int], ...]]] = {}

    def clear(self) -> None:
        super().clear()
        self._reset_lookup()

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        rule = len(self.attrs)
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[str(rule)]
        keyed = [_keyed_attrs(p) for p in patterns]
        # A target outside the pattern is the stock ruler's error: the Matcher path raises it.
        looked_up = bool(keyed) and all(k is not None for k in keyed) and all(-len(p) <= index < len(p) for p in patterns)
        if not looked_up:
            self._other.add(match_id, patterns)
            self._columns_only = all(set(a) <= _COLUMNS for a in self.attrs)
            self._fields = sorted({attr for a in self.attrs for attr in a}) if self._columns_only else []
            self._table.clear()
            return
        for number, pattern in enumerate(patterns):
            steps = []
            for place, token in enumerate(pattern):
                step = self.vocab.strings.add(f"{rule}:{number}:{place}")
                self._one_token.add(step, [[token]])
                steps.append(step)
            if len(pattern) == 1:
                self._single[steps[0]] = rule
            else:
                self._multi.append((rule, tuple(steps)))
        self._multi_first = frozenset(steps[0] for _rule, steps in self._multi)
        self._key_names.update(*keyed)
        # One key over every attribute any looked-up rule tests: a single lookup
        # per token. Sorted, so the key does not depend on rule order.
        self._key_ids = [_KEYED[n] for n in sorted(self._key_names)]
        self._columns_only = all(set(a) <= _COLUMNS for a in self.attrs)
        self._fields = sorted({attr for a in self.attrs for attr in a}) if self._columns_only else []
        self._table.clear()

    def _writes(self, rules: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """(column, value) that ``rules``, applied in order, set on a token."""
        place = {attr: col for col, attr in enumerate(self._fields)}
        return tuple((place[attr], value) for rule in rules for attr, value in self.attrs[rule].items())

    def _entries(self, doc: Doc) -> list[tuple[tuple[int, ...], frozenset[int], tuple[tuple[int, int], ...]]]:
        """Per token: the one-token rules and the steps of longer patterns that
        fire, and what those one-token rules write."""
        if not self._key_ids or not len(doc):
            return [((), frozenset(), ())] * len(doc)
        table = self._table
        out = []
        for i, row in enumerate(doc.to_array(self._key_ids).tolist()):
            key = tuple(row)
            found = table.get(key)
            if found is None:
                if len(table) >= self.MAX_ENTRIES:
                    table.clear()
                steps = {m_id for m_id, _s, _e in self._one_token(doc[i : i + 1], allow_missing=True, as_spans=False)}
                rules = tuple(sorted({self._single[s] for s in steps if s in self._single}))
                writes = self._writes(rules) if self._columns_only else ()
                found = table[key] = (rules, frozenset(s for s in steps if s not in self._single), writes)
            out.append(found)
        return out

    def _rule_matches(self, doc: Doc, entries: list) -> list[tuple[int, int, int]]:
        """(rule number, start, end) of every match of a looked-up rule of several
        tokens or of a Matcher rule."""
        strings = self.vocab.strings
        found = []
        if len(self._other):
            found = [(int(strings[m_id]), s, e) for m_id, s, e in self._other(doc, allow_missing=True, as_spans=False)]
        if self._multi:
            first = self._multi_first
            n = len(entries)
            for i, (_rules, steps, _writes) in enumerate(entries):
                if steps and not steps.isdisjoint(first):
                    for rule, pattern in self._multi:
                        end = i + len(pattern)
                        if end <= n and all(step in entries[i + k][1] for k, step in enumerate(pattern)):
                            found.append((rule, i, end))
        return found

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The stock ruler's matches, in its order: (rule number, match id, start, end)."""
        strings = self.vocab.strings
        entries = self._entries(doc)
        matches = [(rule, strings[str(rule)], s, e) for rule, s, e in self._rule_matches(doc, entries)]
        for i, (rules, _steps, _writes) in enumerate(entries):
            matches.extend((rule, strings[str(rule)], i, i + 1) for rule in rules)
        matches.sort()
        return matches

    def __call__(self, doc: Doc) -> Doc:
        if not self._columns_only:
            self.set_annotations(doc, self.match(doc))
            return doc
        entries = self._entries(doc)
        # Rules of several tokens (or from the Matcher) by the token they set.
        extra: dict[int, list[int]] = {}
        for rule, start, end in self._rule_matches(doc, entries):
            index = self.indices[rule]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                # Out of the match: the stock ruler's error, raised by its code.
                AttributeRuler.set_annotations(self, doc, [(rule, self.vocab.strings[str(rule)], start, end)])
            extra.setdefault(target, []).append(rule)
        if not self._fields or not len(doc):
            return doc
        columns = doc.to_array(self._fields).tolist()
        for i, (rules, _steps, writes) in enumerate(entries):
            if i in extra:
                # The stock ruler applies every match in rule order: on one token,
                # a later rule overwrites a field an earlier one set.
                writes = self._writes(sorted(set(rules) | set(extra[i])))
            row = columns[i]
            for col, value in writes:
                row[col] = value
        doc.from_array(self._fields, numpy.array(columns, dtype=numpy.uint64))
        return doc

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
