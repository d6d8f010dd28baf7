"""The chronology as data: dates, events, problems, and the index and search over them. No Qt, no file formats."""
