"""Rules for partners, competitors and win/loss analyses: take the actor, flush,
never commit."""
