"""Bulk import into the knowledge base: a folder (CLI) or a zip upload (web) becomes
articles with their files' text, sub-folders become sub-catalogs, and every run keeps
its report."""
