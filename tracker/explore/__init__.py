"""Explore pages: the supplier–recipient matrix, pairs, actors and the network, for readers."""
