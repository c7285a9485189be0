"""Arms transfers: supply triggers in the dependency parse, the parties in their
roles, the weapons named, and the status of each supply."""

from .extract import extract_passing_transfers, extract_transfers

__all__ = ["extract_passing_transfers", "extract_transfers"]
