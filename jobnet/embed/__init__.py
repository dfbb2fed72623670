"""The map on other sites: the embed builder, the framable map and oEmbed (docs/architecture.md,
"Embedding")."""
