"""The knowledge base (catalog, articles, keywords, query permissions) and the search
engine every package's records are found through."""
