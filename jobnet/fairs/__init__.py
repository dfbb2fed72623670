"""Job-fair specifics: states (moved, cancelled), co-organisers, exhibitors, the calendar page,
iCal feeds and structured data."""
