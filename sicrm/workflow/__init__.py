"""Stage gates and reviews, routing rules; later alarm policies and the scheduler."""
