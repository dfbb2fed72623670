"""Geography of Hesse: districts and their keys (boundaries and geocoding follow)."""
