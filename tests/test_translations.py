"""The zh_CN catalog is complete, keeps its placeholders, and is compiled.

Extraction runs exactly as the Makefile's `translations` target does, so a new
user-facing string without a Chinese translation fails the suite. To fix such a
failure: `make translations`, fill in the new msgstr entries in
sicrm/translations/zh_Hans_CN/LC_MESSAGES/messages.po, then compile again."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "sicrm" / "translations"
LOCALE = "zh_Hans_CN"  # Babel's name for zh_CN: Flask-Babel looks the catalog up under it
PO_FILE = TRANSLATIONS / LOCALE / "LC_MESSAGES" / "messages.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# %(name)s, %(n)d, %(total)s, and bare %s / %d; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +\-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([diouxXeEfFgGcrsa%])")


def _pybabel() -> list[str]:
    script = Path(sys.executable).parent / "pybabel"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from babel.messages.frontend import main; main()"]


def _load_po(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _msgids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _msgstrs(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _placeholders(text: str) -> Counter:
    return Counter(
        f"%({name})" + conversion if name else "%" + conversion
        for name, conversion in PLACEHOLDER.findall(text)
        if conversion != "%"
    )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The message template, extracted as `make translations` does."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    result = subprocess.run(
        [*_pybabel(), "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2", "-k", "lazy_pgettext:1c,2",
         "-o", str(pot), "."],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stderr}"
    catalog = _load_po(pot)
    assert len([m for m in catalog if m.id]) > 0, "extraction found no messages"
    return catalog


@pytest.fixture(scope="module")
def catalog():
    return _load_po(PO_FILE)


def test_every_extracted_message_is_translated(extracted, catalog):
    assert not catalog.fuzzy, f"{PO_FILE} has a fuzzy header; pybabel compile would skip it"
    problems = []
    for message in extracted:
        if not message.id:
            continue
        translated = catalog.get(message.id, message.context)
        if translated is None:
            problems.append(f"missing:      {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy:        {message.id!r}")
        elif not all(s.strip() for s in _msgstrs(translated)):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, (
        f"{len(problems)} message(s) lack a zh_CN translation; run `make translations` "
        f"and fill them in {PO_FILE.relative_to(ROOT)}:\n" + "\n".join(problems)
    )


def test_translations_keep_the_placeholders(catalog):
    problems = []
    for message in catalog:
        if not message.id:
            continue
        expected = _placeholders(_msgids(message)[0])
        for plural_id in _msgids(message)[1:]:
            expected |= _placeholders(plural_id)
        for string in _msgstrs(message):
            if string and _placeholders(string) != expected:
                problems.append(f"{message.id!r} -> {string!r}: expected "
                                f"{sorted(expected.elements())}, got "
                                f"{sorted(_placeholders(string).elements())}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_compiled_catalog_matches_the_po_file(catalog):
    assert MO_FILE.exists(), f"{MO_FILE.relative_to(ROOT)} is missing; run pybabel compile"
    compiled = Translations.load(str(TRANSLATIONS), locales=[LOCALE])
    assert isinstance(compiled, Translations), "the compiled catalog could not be loaded"
    entries = compiled._catalog  # gettext.GNUTranslations: msgid (or (msgid, n)) -> msgstr
    stale = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = _msgids(message)[0]
        if message.context:
            key = f"{message.context}\x04{key}"
        if isinstance(message.id, tuple):
            pairs = [((key, n), string) for n, string in enumerate(message.string)]
        else:
            pairs = [(key, message.string)]
        for entry, string in pairs:
            if string and entries.get(entry) != string:
                stale.append(f"{entry!r}: .mo has {entries.get(entry)!r}, .po has {string!r}")
    assert not stale, (
        f"{MO_FILE.relative_to(ROOT)} is older than the .po file; run "
        "`pybabel compile -d sicrm/translations`:\n" + "\n".join(stale)
    )
