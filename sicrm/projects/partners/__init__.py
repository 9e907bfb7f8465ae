"""Around a project: partners with typed roles, competitors with their assessment per
stage, and the win/loss analysis of a closed presales project."""
