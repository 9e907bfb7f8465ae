"""How text becomes search terms: jieba for Chinese, lower-cased Porter stems for
English, in one tokenizer so that mixed text (`ERP 实施方案`) works.

- Positions are sequential (one per word), so phrases work: jieba's own Whoosh
  analyzer records character offsets as positions, which breaks "合同评审".
- Character offsets are recorded, so highlights need no second analysis.
- When indexing, a long compound (实施方案, 数据中心) also yields its dictionary
  sub-words at the same position, so 实施 finds 实施方案; three-character words
  (客户端, 防火墙) do not, so 客户 does not match inside 客户端. Queries are cut
  without sub-words, so a phrase from the query lines up with the index.
- Traditional and simplified Chinese fold into one: every text is converted with
  OpenCC's Taiwan-phrases-to-simplified dictionary before segmentation (伺服器 →
  服务器, 專案 → 项目, 資料庫 → 数据库), at index and at query time, so either script
  finds the other. Snippets are found in the stored text in its own script
  (`snippets.py` looks for each term in both scripts).
- Full-width letters and digits (１９９７年, ＩＢＭ) are read as the ASCII users type.
- The segmenter is rjieba (jieba's algorithm and dictionary, in Rust): it loads in
  ~0.2 s once per process, on first use, where the Python jieba took ~1.5 s, and
  segments ~18 times faster (indexing was mostly segmentation)."""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.analysis.filters import Filter, LowercaseFilter
from whoosh.analysis.morph import StemFilter
from whoosh.lang.porter import stem

log = logging.getLogger(__name__)

#: sub-words are added to compounds of at least this many characters
COMPOUND_MIN = 4
#: words jieba's dictionary lacks, common in a system integrator's documents
DOMAIN_WORDS = (
    "等保", "信创", "立项", "商机", "售前", "割接", "驻场", "巡检", "中标", "招标文件",
    "投标文件", "标书", "合同评审", "方案评审", "验收报告", "初验", "终验", "运维",
    "容灾", "双活", "堡垒机", "超融合", "国产化", "政务云", "私有云",
)
_WORD = re.compile(r"\w", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: single characters and English words that carry no meaning on their own, and question
#: words (如何配置华为防火墙 asks for 配置 华为 防火墙)
STOP_WORDS = frozenset("""
的 了 和 与 及 或 在 是 对 为 把 被 将 从 向 于 之 其 这 那 有 也 就 都 而 并 等 个 中 上 下 以 由
a an and are as at be but by for from has have if in into is it its of on or such that the
their then there these they this to was were will with not no
如何 怎么 怎样 怎么样 什么 为什么 哪些 哪个 是否 请问 how what why which when where do does
""".split())

#: Taiwan words written with characters both scripts share (or in simplified
#: characters): folded even in simplified text, where the Taiwan-phrases dictionary is
#: not applied as a whole (it would turn 建立 into 创建, 核心 into 内核, 文件 into 文档)
TAIWAN_WORDS = ("伺服器", "硬碟", "磁碟", "光碟", "滑鼠", "软体", "资料库", "专案", "网路",
                "记忆体", "印表机", "资讯", "韧体", "宽频", "数位")

_lock = threading.Lock()
_jieba = None
_to_simplified = None
_to_traditional = None
_characters_only = None
_taiwan_words: dict[str, str] = {}


def _converters():
    global _to_simplified, _to_traditional, _characters_only
    if _to_simplified is None:
        with _lock:
            if _to_simplified is None:
                import opencc

                _to_traditional = (opencc.OpenCC("s2twp"), opencc.OpenCC("s2hk"))
                _characters_only = opencc.OpenCC("t2s")
                converter = opencc.OpenCC("tw2sp")
                to_taiwan = opencc.OpenCC("s2tw")
                _taiwan_words.update({word: converter.convert(to_taiwan.convert(word))
                                      for word in TAIWAN_WORDS})
                _to_simplified = converter
    return _to_simplified, _to_traditional


def fold(text: str) -> str:
    """`text` in simplified Chinese, Taiwan and Hong Kong words included (伺服器 →
    服务器, 資料庫 → 数据库); text without CJK is returned as it is, at no cost. Text
    already in simplified characters keeps its words (only TAIWAN_WORDS are
    replaced): the Taiwan-phrases dictionary is for traditional text."""
    if not text or not _CJK.search(text):
        return text
    to_simplified = _converters()[0]
    if _characters_only.convert(text) == text:
        for word, simplified in _taiwan_words.items():
            if word in text:
                text = text.replace(word, simplified)
        return text
    return to_simplified.convert(text)


def traditional_forms(term: str) -> set[str]:
    """How a simplified term may be written in traditional documents (项目 → 專案,
    項目), for finding it in the stored text."""
    if not _CJK.search(term):
        return set()
    return {converter.convert(term) for converter in _converters()[1]} - {term}


def jieba():
    """The segmenter (rjieba: jieba's algorithm and dictionary in Rust, about 18 times
    faster than the Python jieba), with our domain words; loaded once per process."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import rjieba as module

                for word in DOMAIN_WORDS:
                    module.add_word(word, None, None)
                _jieba = module
    return _jieba


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _subwords(word: str) -> list[tuple[str, int]]:
    """Dictionary words inside a compound, with their offsets (实施方案 → 实施, 方案;
    中国移动通信集团 → 中国移动, 移动通信, 集团 …)."""
    segmenter = jieba()
    found = []
    for size in range(2, len(word)):
        for i in range(len(word) - size + 1):
            part = word[i:i + size]
            if part != word and segmenter.has_word(part):
                found.append((part, i))
    return found


#: lines up to this long are remembered (a record's title and body are analysed for two
#: fields; the second time costs nothing)
CACHED_LINE = 2000


#: full-width letters, digits and symbols (１９９７, ＩＢＭ, common in Chinese text) and
#: the ideographic space, as the ASCII a user types (one character for one: offsets
#: do not move)
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def narrow(text: str) -> str:
    return text.translate(_WIDTH)


@lru_cache(maxsize=2048)
def _segment_line(line: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(tuple(item) for item in jieba().tokenize(fold(narrow(line)))
                 if _WORD.search(item[0]))


def segment(text: str):
    """(word, start, end) of every word of `text` folded to simplified Chinese, line by
    line (spaces and punctuation left out). Offsets are in the folded line (folding
    may shorten a word: 記憶體 → 内存); nothing stores them."""
    offset = 0
    for line in text.split("\n"):
        if len(line) <= CACHED_LINE:
            words = _segment_line(line)
        else:
            words = (item for item in jieba().tokenize(fold(narrow(line)))
                     if _WORD.search(item[0]))
        for word, start, end in words:
            yield word, offset + start, offset + end
        offset += len(line) + 1


_CODE_SEPARATOR = re.compile(r"[-_.]")


def _code_prefixes(word: str) -> list[str]:
    """The leading parts of a code, at each separator: 22239-2019 → 22239 (GB/T 22239
    finds GB/T 22239-2019), s6730-h48x6c → s6730 (a model finds its variants), 7.0.3 →
    7, 7.0 (a version finds its patch levels)."""
    if has_cjk(word) or not _CODE_SEPARATOR.search(word):
        return []
    return [word[:m.start()] for m in _CODE_SEPARATOR.finditer(word) if m.start() > 0]


class JiebaTokenizer(Tokenizer):
    """jieba segmentation with sequential positions and character offsets."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        index_mode = mode == "index"
        pos = start_pos
        for word, start, end in segment(value):
            token.text = word
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
            if index_mode and len(word) >= COMPOUND_MIN and has_cjk(word):
                for part, offset in _subwords(word):
                    token.text = part
                    if positions:
                        token.pos = pos
                    if chars:
                        token.startchar = start_char + start + offset
                        token.endchar = token.startchar + len(part)
                    yield token
            elif index_mode:
                for part in _code_prefixes(word):
                    token.text = part
                    if positions:
                        token.pos = pos
                    if chars:
                        token.startchar = start_char + start
                        token.endchar = token.startchar + len(part)
                    yield token
            pos += 1


class StopFilter(Filter):
    """Drops meaningless words without renumbering positions (sub-words share one)."""

    def __call__(self, tokens):
        for token in tokens:
            if token.text in STOP_WORDS:
                if not token.removestops:
                    token.stopped = True
                    yield token
                continue
            yield token


def analyzer():
    return JiebaTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(stemfn=stem)


ANALYZER = analyzer()


def terms(text: str) -> list[str]:
    """The terms a query text becomes, in order (no sub-words): what is looked up."""
    return [token.text for token in ANALYZER(text, mode="query")]
