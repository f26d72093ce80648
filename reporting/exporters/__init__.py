"""Report files (PDF, XLSX) rendered from a report's frozen figures only: never from live records."""
