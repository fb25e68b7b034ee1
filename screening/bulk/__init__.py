"""Bulk files of candidates: readers (CSV, XLSX with its inspection and parser child), headers, rows, the
screener and the result writers. Knows nothing of storage: recording is handed in by screening.services."""
