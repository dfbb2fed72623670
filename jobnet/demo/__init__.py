"""The demo network: organisations, one user per role and example posts."""
