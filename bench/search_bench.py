"""Index a large knowledge base with the Whoosh (or PostgreSQL) backend and time searches.

    python bench/search_bench.py [--docs 20000] [--dir bench/out/kb_index]
                                 [--queries-only] [--repeat 5] [--batch 500] [--json PATH]
                                 [--backend whoosh|postgresql] [--dsn URL]

--backend postgresql stores the index in the `search_index` table of --dsn (created
when missing; without --dsn a throwaway cluster is started, as the tests do).

1. Indexing (skipped with --queries-only): clears --dir, generates --docs articles with
   attachment text (bench/kb_corpus.py; generation is timed apart) and stores them
   through `backend.apply()` in batches of --batch, one commit each, as the indexer
   drains the queue. Prints docs/s, MB of text/s and the index size on disk.
2. Searching: a fixed list of 30 Chinese, English and mixed queries, each run exactly
   as the search page runs it (`backend.search(Query(text, readable, per_page=10))`:
   relevance order, type counts, highlighted titles and snippets, "did you mean"), in
   two permission cases: readable=ALL, and a user who may read 40 of the 200 catalogs
   (`{"article": {"kbcat:1", …, "kbcat:40"}}`). A first pass (cold: first use of each
   term's postings, jieba already loaded) is reported apart; then --repeat passes in
   round-robin order give p50 / p95 / max per case and per query.

--queries-only reuses the index already in --dir (built by an earlier run).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from kb_corpus import CATALOGS, KIND, articles  # noqa: E402

from sicrm.core.searchable import ALL  # noqa: E402
from sicrm.knowledge.search.backend import Query  # noqa: E402
from sicrm.knowledge.search.querying import QueryError  # noqa: E402
from sicrm.knowledge.search.whoosh_backend import WhooshBackend  # noqa: E402

QUERIES = [
    # Chinese
    "合同评审", '"合同评审"', "评审", "实施方案", "华为 防火墙 配置", "华为防火墙配置", "等保 整改",
    "视频监控 投标", "数据中心 机房 建设", "客户端 安装", "客户满意度", "投标保证金", "信创 国产化",
    "超融合", "项目验收报告", "客户", "医院 信息化", "销售漏斗",
    # English
    "configure firewall", "Oracle RAC failover", "kubernetes upgrade", "backup restore",
    "migrate mailboxes",
    # mixed
    "ERP 实施方案", "SD-WAN 部署", "Oracle 故障切换", "VMware 升级", "CRM 实施", "Zabbix 告警",
    # a typo: no hit, so the "did you mean" path runs too
    "防火强 配置",
]
RESTRICTED = {KIND: {f"kbcat:{n}" for n in range(1, 41)}}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(backend, directory: Path, count: int, batch: int) -> dict:
    if directory.exists() and backend.name == "whoosh":
        shutil.rmtree(directory)
    backend.clear()
    apply = 0.0
    text_bytes = attachment_bytes = done = 0
    started = time.perf_counter()
    for docs in articles(count, batch=batch):
        generated = time.perf_counter()
        backend.apply(docs)
        applied = time.perf_counter()
        apply += applied - generated
        done += len(docs)
        for doc in docs:
            attachment_bytes += len(doc.extra.encode())
            text_bytes += len(doc.title.encode()) + len(doc.body.encode()) + len(doc.extra.encode())
        if done % (batch * 10) == 0 or done == count:
            print(f"  {done:>6} docs  {done / apply:6.1f} docs/s through apply", flush=True)
    generate = time.perf_counter() - started - apply
    return {"docs": done, "apply_s": apply, "generate_s": generate,
            "docs_per_s": done / apply, "text_mb": text_bytes / 1e6,
            "mb_per_s": text_bytes / 1e6 / apply,
            "mean_attachment_kb": attachment_bytes / done / 1024,
            "index_mb": index_size(backend, directory) / 1e6,
            "segments": len(list(directory.glob("*.seg")))}


def index_size(backend, directory: Path) -> int:
    if backend.name == "whoosh":
        return dir_size(directory)
    from sqlalchemy import text

    with backend.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_total_relation_size('search_index') + "
                                      "pg_total_relation_size('search_words')"))


def open_backend(args):
    if args.backend == "whoosh":
        return WhooshBackend(args.dir)
    from sqlalchemy import create_engine

    from sicrm.knowledge.search.pg_backend import PostgresBackend
    from sicrm.knowledge.search.pg_backend.models import SearchEntry, SearchWord

    engine = create_engine(args.dsn)
    SearchEntry.__table__.create(engine, checkfirst=True)
    SearchWord.__table__.create(engine, checkfirst=True)
    return PostgresBackend(engine)


def run_query(backend, text: str, readable) -> tuple[float, int, object]:
    started = time.perf_counter()
    try:
        results = backend.search(Query(text=text, readable=readable, per_page=10))
    except QueryError:
        return (time.perf_counter() - started) * 1000, -1, None
    # what the page renders: highlighted title and snippet of every hit
    for hit in results.hits:
        str(hit.title), str(hit.snippet)
    return (time.perf_counter() - started) * 1000, results.total, results.suggestion


def measure(backend, readable, repeat: int) -> dict:
    cold = {}
    totals = {}
    suggestions = {}
    for text in QUERIES:
        cold[text], totals[text], suggestions[text] = run_query(backend, text, readable)
    warm: dict[str, list[float]] = {text: [] for text in QUERIES}
    for _ in range(repeat):
        for text in QUERIES:
            warm[text].append(run_query(backend, text, readable)[0])
    every = [ms for values in warm.values() for ms in values]
    return {"cold": cold, "warm": warm, "totals": totals, "suggestions": suggestions,
            "cold_p50": statistics.median(cold.values()),
            "cold_p95": percentile(list(cold.values()), 0.95),
            "p50": statistics.median(every), "p95": percentile(every, 0.95), "max": max(every)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--dir", type=Path, default=HERE / "out" / "kb_index")
    parser.add_argument("--queries-only", action="store_true",
                        help="reuse the index in --dir instead of building it")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--backend", choices=("whoosh", "postgresql"), default="whoosh")
    parser.add_argument("--dsn", help="the PostgreSQL database (default: a throwaway cluster)")
    args = parser.parse_args(argv)

    cluster = None
    if args.backend == "postgresql" and not args.dsn:
        sys.path.insert(0, str(HERE.parent))
        from tests.fixtures.postgres import Cluster, find_bindir

        cluster = Cluster(find_bindir())
        args.dsn = cluster.start()
    try:
        return _main(parser, args)
    finally:
        if cluster is not None:
            cluster.stop()


def _main(parser, args) -> int:
    backend = open_backend(args)
    report: dict = {"queries": QUERIES, "backend": args.backend}
    if args.queries_only:
        if args.backend == "whoosh" and (not args.dir.is_dir()
                                         or not any(args.dir.glob("*.toc"))):
            parser.error(f"no index in {args.dir}: run without --queries-only first")
    else:
        print(f"indexing {args.docs} articles into {args.dir} (batches of {args.batch})")
        report["index"] = stats = build(backend, args.dir, args.docs, args.batch)
        print(f"\n| indexing | value |\n|---|---:|\n"
              f"| articles | {stats['docs']:,} |\n"
              f"| text (title + body + attachment) | {stats['text_mb']:.0f} MB |\n"
              f"| mean attachment | {stats['mean_attachment_kb']:.1f} KB |\n"
              f"| time in apply() | {stats['apply_s']:.0f} s |\n"
              f"| throughput | {stats['docs_per_s']:.0f} docs/s, "
              f"{stats['mb_per_s']:.2f} MB/s |\n"
              f"| index on disk | {stats['index_mb']:.0f} MB ({stats['segments']} segments) |\n"
              f"| generating the articles (not in the above) | {stats['generate_s']:.0f} s |")
    if hasattr(backend, "analyze"):
        backend.analyze()  # as autovacuum would after a bulk load
    backend.close()
    backend = open_backend(args)  # a fresh process's view of the index
    indexed = backend.count()
    print(f"\nsearching {indexed:,} documents: {len(QUERIES)} queries, first pass + "
          f"{args.repeat} passes, per_page=10 with highlights")
    cases = {"ALL": {KIND: ALL},
             f"40 of {CATALOGS} catalogs": RESTRICTED}
    results = {}
    for name, readable in cases.items():
        results[name] = measure(backend, readable, args.repeat)
    report["search"] = {name: {k: v for k, v in r.items()} for name, r in results.items()}
    report["documents"] = indexed

    names = list(cases)
    print("\n| query | " + " | ".join(f"{n}: hits | p50 ms | max ms" for n in names) + " |")
    print("|---|" + "---:|---:|---:|" * len(names))
    for text in QUERIES:
        cells = []
        for name in names:
            r = results[name]
            hits = r["totals"][text]
            hits = "error" if hits < 0 else f"{hits:,}"
            if r["suggestions"][text]:
                hits += f" (→ {r['suggestions'][text]})"
            cells.append(f"{hits} | {statistics.median(r['warm'][text]):.1f} | "
                         f"{max(r['warm'][text]):.1f}")
        print(f"| {text} | " + " | ".join(cells) + " |")
    print("\n| readable | first pass p50 | first pass p95 | p50 | p95 | max |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        r = results[name]
        print(f"| {name} | {r['cold_p50']:.1f} ms | {r['cold_p95']:.1f} ms | "
              f"{r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['max']:.1f} ms |")
    backend.close()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
