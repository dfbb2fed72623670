"""Posts as open data: the one home of a post's public record (columns, values, filters)."""
