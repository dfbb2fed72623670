"""The form toolkit every domain uses: one base form, one set of validators and fields, one
policy for control characters and non-text input (docs/architecture.md, "Forms")."""
