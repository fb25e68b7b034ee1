"""Bulk screening of CSV and XLSX files: readers, writers, the batch runner and its background workers."""
