"""Job-fair specifics: the calendar page, iCal feeds and structured data."""
