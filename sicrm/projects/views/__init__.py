"""Project pages, one module per area."""
