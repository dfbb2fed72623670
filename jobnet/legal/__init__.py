"""Legal pages of a public body: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit
with its feedback form. Operator texts come from configuration (docs/architecture.md, "Legal
pages")."""
