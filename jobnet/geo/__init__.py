"""Geography: boundaries and district lookup, catchments, gazetteer and offline geocoder."""
