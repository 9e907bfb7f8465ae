"""Route-permission table for the search page (see tests/test_route_permissions.py)."""
from tests.fixtures.routes import Case

ROUTES = {
    "search.search_page": Case(allowed="engineer"),
    "search.synonyms_page": Case(allowed="admin", refused=("manager", "engineer")),
}
