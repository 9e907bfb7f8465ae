"""The labelled search-quality set: ~200 knowledge articles of a Chinese system
integrator (corpus.json, built by build_corpus.py from handwritten.py plus generated
everyday documents) and ~50 queries with the articles each must find (queries.json).

Articles are named by readable slugs in the data; `search_docs()` numbers them 1..n in
file order, the ids the index sees."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def corpus() -> tuple[dict, ...]:
    return tuple(json.loads((HERE / "corpus.json").read_text(encoding="utf-8")))


@cache
def queries() -> tuple[dict, ...]:
    return tuple(json.loads((HERE / "queries.json").read_text(encoding="utf-8")))


@cache
def ids() -> dict[str, int]:
    """slug → the integer id the article is indexed under"""
    return {doc["id"]: n for n, doc in enumerate(corpus(), start=1)}


def slugs() -> dict[int, str]:
    return {n: slug for slug, n in ids().items()}


def search_docs(kind: str = "article", scope: str = "public") -> list:
    from sicrm.core.searchable import SearchDoc

    return [SearchDoc(kind=kind, id=ids()[doc["id"]], title=doc["title"], scope=scope,
                      body=doc["body"], extra=doc["attachment"],
                      keywords=tuple(doc["keywords"]), industry=doc["industry"])
            for doc in corpus()]


def text_of(doc: dict) -> str:
    """Everything of an article that is searched."""
    return "\n".join([doc["title"], " ".join(doc["keywords"]), doc["body"], doc["attachment"]])
