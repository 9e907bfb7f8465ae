"""Finance services: costs (budget, expenses, effort) and revenue (payment plan,
invoices, receipts). They take the acting user, flush and never commit."""
