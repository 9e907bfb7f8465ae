"""Forum services: take the acting user, flush, never commit."""
