"""Forum pages."""
