"""Core views: load (404) → permission (403) → validate → service → commit → render."""
