"""Kept for importers outside the parser (migration 0002 loads the actor
catalogue from here): the catalogue lives in ``catalogue/gazetteer.py``."""

from .catalogue.gazetteer import actor_catalogue, actors_by_code, resolve_actor

__all__ = ["actor_catalogue", "actors_by_code", "resolve_actor"]
