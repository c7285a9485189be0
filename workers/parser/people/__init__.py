"""People named in an article: mentions, who is the same person, who a later
"he"/"she" or surname means, and which of them are officials."""

from .officials import build_resolver, extract_officials

__all__ = ["build_resolver", "extract_officials"]
