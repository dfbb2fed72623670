"""The JSON API under /api/v1 (GET only; errors are {"error": ...} with a 4xx)."""
