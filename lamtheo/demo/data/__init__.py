"""The demo's data tables: titles, names and texts are data, not code."""
