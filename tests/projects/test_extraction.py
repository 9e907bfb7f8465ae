"""Text extraction on its own (sicrm.projects.documents.extraction): PPTX slides,
tables and notes; plain text in UTF-8, UTF-8 with a byte-order mark and GBK; files
that cannot be read give a status, never an exception."""
import io
import time
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfWriter

from sicrm.projects.documents import extraction
from sicrm.projects.documents.extraction import extract_text
from tests.fixtures.files import docx_bomb


def _pptx() -> bytes:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "智慧园区解决方案"
    slide.placeholders[1].text = "Campus network redundancy"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "设备", "数量"
    table.cell(1, 0).text, table.cell(1, 1).text = "核心交换机", "2"
    slide.notes_slide.notes_text_frame.text = "讲解时强调双机热备"
    second = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
    group = second.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = \
        "分组里的文字"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _extract(data: bytes, extension: str):
    return extract_text(io.BytesIO(data), extension)


def test_pptx_text_of_slides_tables_groups_and_notes():
    result = _extract(_pptx(), ".pptx")
    assert result.status == "ok", result.error
    for expected in ("智慧园区解决方案", "Campus network redundancy", "设备\t数量",
                     "核心交换机\t2", "讲解时强调双机热备", "分组里的文字"):
        assert expected in result.text


def test_extension_case_does_not_matter():
    assert _extract(_pptx(), ".PPTX").status == "ok"


@pytest.mark.parametrize(("data", "text"), [
    ("会议纪要：确认割接窗口".encode(), "会议纪要：确认割接窗口"),
    ("\ufeff# 实施方案\n\n- 核心交换机".encode(), "# 实施方案\n\n- 核心交换机"),  # BOM dropped
    ("华为防火墙配置，合同评审".encode("gbk"), "华为防火墙配置，合同评审"),
    ("名称,数量\n服务器,3".encode("gb18030"), "名称,数量\n服务器,3"),
])
def test_plain_text_in_utf8_bom_and_gbk(data, text):
    for extension in (".txt", ".md", ".csv"):
        result = _extract(data, extension)
        assert (result.status, result.text) == ("ok", text)


def test_utf8_cut_by_the_read_limit_is_not_taken_for_gbk(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_CHARS", 10)  # reads 40 bytes
    data = ("a" + "合同评审" * 10).encode()  # the 40th byte splits a character
    result = _extract(data, ".txt")
    assert result.status == "ok" and result.text.startswith("a合同评审合同评审")
    assert "\ufffd" not in result.text


def test_gbk_text_ending_in_chinese_keeps_its_last_character():
    assert _extract("合同".encode("gbk"), ".txt").text == "合同"


def test_encrypted_pdf_is_flagged():
    result = _extract(_encrypted_pdf(), ".pdf")
    assert result.status == "encrypted" and result.text is None


@pytest.mark.parametrize(("data", "extension", "status"), [
    (b"PK\x03\x04" + b"\x00" * 60, ".docx", "failed"),  # corrupt DOCX
    (b"PK\x03\x04" + b"\x02" * 60, ".pptx", "failed"),  # corrupt PPTX
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".pptx", "encrypted"),
    (b"", ".txt", "empty"),
    (b"   \n\t", ".md", "empty"),
    (b"\x89PNG\r\n\x1a\n", ".png", "unsupported"),
])
def test_unreadable_files_give_a_status(data, extension, status):
    result = _extract(data, extension)
    assert result.status == status and result.text is None
    assert (result.error is not None) == (status in ("failed", "encrypted"))


def test_pptx_that_is_not_a_presentation_fails():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    result = _extract(out.getvalue(), ".pptx")
    assert result.status == "failed" and "ppt/presentation.xml" in result.error


def test_pptx_zip_bomb_is_not_opened(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_UNZIPPED", 10_000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
        archive.writestr("ppt/media/huge.bin", b"\x00" * 50_000)
    data = out.getvalue()
    assert len(data) < 10_000
    result = _extract(data, ".pptx")
    assert result.status == "too_large" and "too large" in result.error


def test_docx_holding_100_mb_of_xml_is_refused_at_once():
    data = docx_bomb()
    assert len(data) < 1024 * 1024  # a few hundred KB on disk
    started = time.monotonic()
    result = _extract(data, ".docx")
    assert time.monotonic() - started < 0.5
    assert result.status == "too_large" and result.text is None
    assert "XML unzips to 99 MB" in result.error


def test_reading_stops_at_the_time_budget(monkeypatch):
    writer = PdfWriter()
    for _ in range(5):
        writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    result = extract_text(io.BytesIO(out.getvalue()), ".pdf", seconds=-1)
    assert result.status == "too_large" and "longer than" in result.error


def test_extracted_text_is_capped(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_CHARS", 1000)
    result = _extract(("文字" * 5000).encode(), ".txt")
    assert result.status == "ok" and len(result.text) == 1000
