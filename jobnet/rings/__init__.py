"""Comparison rings ("Vergleichsringe"): named groups of organisations from any state, with
their own page, members, moderators and an audit of every change."""
