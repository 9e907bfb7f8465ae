"""Pages of partners, competitors and win/loss analysis."""
