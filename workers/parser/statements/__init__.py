"""Statements: direct quotes and reported speech about supplying arms, with their
speaker and the supplier and recipients they concern."""

from .extract import extract_statements

__all__ = ["extract_statements"]
