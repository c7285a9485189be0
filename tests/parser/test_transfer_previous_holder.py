"""Arms delivered with no recipient of their own go to the subject of the
sentence before, unless that subject is arms whose national word names their
maker ("The Turkish ships will join the fleet")."""

from __future__ import annotations

from tests.parser.transfers_helper import pairs


def test_a_maker_of_arms_in_the_subject_before_receives_nothing() -> None:
    found = pairs("Peru bought four frigates from Spain. The 3,000-tonne Spanish ships will join the fleet next year."
                  " Its submarine force still consists of two old boats delivered from Germany in 1983.")
    assert ("DEU", "ESP") not in found


def test_a_party_in_the_subject_before_receives() -> None:
    found = pairs("The Peruvian navy is short of hulls. Two boats delivered from Germany in 1983 remain in service.")
    assert ("DEU", "PER") in found
