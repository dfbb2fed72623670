"""Open data: a post as a public record, and the exports built on it."""
