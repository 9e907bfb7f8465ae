"""Print recall@10 and MRR per query class of the regression set, with the Whoosh
backend (index built in a temporary directory):

    .venv/bin/python -m tests.knowledge.regression.report [--misses] [--baseline]

--baseline adds plain BM25 over jieba tokens (baseline.py) for comparison.
"""
from __future__ import annotations

import sys
import tempfile
import time

from tests.knowledge import regression


def main(argv: list[str]) -> int:
    from sicrm.knowledge.search.whoosh_backend import WhooshBackend

    with tempfile.TemporaryDirectory() as directory:
        backend = WhooshBackend(directory)
        started = time.perf_counter()
        docs = regression.search_docs()
        backend.apply(docs)
        indexed = time.perf_counter() - started
        started = time.perf_counter()
        scores = regression.evaluate(backend)
        leaks = regression.leaks(backend)
        searched = time.perf_counter() - started
        backend.close()
        baseline = {}
        if "--baseline" in argv:
            from tests.knowledge.regression.baseline import Bm25Jieba

            with tempfile.TemporaryDirectory() as other:
                plain = Bm25Jieba(other, docs, regression.readable())
                baseline = {s.name: s for s in regression.evaluate(plain)}
                plain.close()
    print(f"{len(docs)} documents (indexed in {indexed:.1f} s), "
          f"{regression.query_count()} queries (searched in {searched:.1f} s)\n")
    extra = "   BM25+jieba recall@10   MRR" if baseline else ""
    print(f"{'class':24} {'n':>4}   recall@10   MRR{extra}")
    for score in scores:
        other = baseline.get(score.name)
        print(score.row() + (f"   {other.recall:17.3f}   {other.mrr:5.3f}" if other else ""))
    everything = [s for s in scores]
    mean = sum(s.recall * s.queries for s in everything) / sum(s.queries for s in everything)
    print(f"{'all (weighted)':24} {sum(s.queries for s in everything):4d}   {mean:5.3f}")
    print(f"{'permission-only':24} {len(regression.queries.PERMISSION):4d}   "
          f"leaks: {len(leaks)}")
    if "--misses" in argv:
        for score in scores:
            for text, missing, top, corrected in score.misses:
                print(f"[{score.name}] {text!r} missing {missing} top {top} "
                      f"corrected {corrected!r}")
        for text, results in leaks:
            print(f"LEAK {text!r}: {results.total} {results.suggestion!r} {results.corrected!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
