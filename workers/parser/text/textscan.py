"""Regex scans for whole words: matches not preceded by a letter, digit, "_" or
hyphen, as a leading ``(?<![\\w-])`` would have them.

A pattern that starts with a look-behind is tried at every position of the text;
one that starts with its words lets the regex engine skip ahead to their first
letters, which is several times faster on an article. The look-behind is then
checked on each match found.
"""

from __future__ import annotations

import re
from typing import Iterator

# Where a word may start. Ignoring case would change nothing: every character
# matches [\w-] either both ways or neither.
_WORD_START = re.compile(r"(?<![\w-])")


def word_start_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.finditer(r"(?<![\\w-])" + pattern.pattern, text, pattern.flags)``
    yields, for a ``pattern`` that never matches the empty string: the leftmost
    match that starts a word, then the next from its end, and so on."""
    pos = 0
    while (hit := pattern.search(text, pos)) is not None:
        if _WORD_START.match(text, hit.start()):
            yield hit
            pos = hit.end()
        else:
            pos = hit.start() + 1
