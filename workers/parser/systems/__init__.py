"""Weapon systems: the catalogue (data), the resolver, and quantities and values.

Pure functions, no Django and no spaCy: the tracker calls them when it links
an article's transfers to deals (``tracker.deals``), with each transfer's
weapons as written and its evidence sentence.
"""

from .catalogue import CATEGORIES, Catalogue, CatalogueEntry, catalogue_from, load_catalogue, normalise
from .quantities import Money, Quantity, quantity_for, read_quantities, read_values, value_of
from .resolver import Resolution, resolve, resolve_all

__all__ = [
    "CATEGORIES", "Catalogue", "CatalogueEntry", "Money", "Quantity", "Resolution", "catalogue_from",
    "load_catalogue", "normalise", "quantity_for", "read_quantities", "read_values", "resolve", "resolve_all",
    "value_of",
]
