"""Parts of the geodata builder (scripts/build_geodata.py); build time only, not used by the app."""
