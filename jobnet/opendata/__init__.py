"""A post as open data: the one home of its public columns, records and filters."""
