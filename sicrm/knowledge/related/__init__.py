"""Related knowledge (自动关联): articles suggested next to a project, pinned or
dismissed by its team, and links made by hand between articles and projects or
organisations."""
