"""Coordinators import their organisation's existing lists of posts from CSV (docs/architecture.md,
"CSV import")."""
