"""Job-fair specifics: states (moved, cancelled), co-organisers, exhibitors, the calendar seam."""
