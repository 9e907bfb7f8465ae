"""Document control: project documents with numbered, immutable versions, approval
by the roles a stage's requirement names, checked and logged downloads, and the
text of PDF, DOCX and XLSX files kept for search."""
