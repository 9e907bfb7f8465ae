"""Knowledge services: catalogs, articles, keywords, promotion."""
