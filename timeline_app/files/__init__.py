"""Reading and writing files: YAML readers and validation, CSV and TimelineJS, data exports, the byte-preserving writer. No Qt."""
