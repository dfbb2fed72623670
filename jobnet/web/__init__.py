"""App-wide web concerns that belong to no domain: URL converters, compression, headers,
third-party assets, error pages."""
