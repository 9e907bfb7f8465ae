import io

import pytest

from sicrm.core.errors import ServiceError
from sicrm.core.services.files import clean_filename, store_file
from sicrm.core.storage import get_storage


def test_store_and_read_back(app, db, admin):
    stored = store_file(admin, io.BytesIO(b"%PDF-1.7 hello"), "../../方案 v1.pdf")
    assert stored.filename == "方案 v1.pdf"
    assert stored.size == 14 and stored.content_type == "application/pdf"
    with get_storage().open(stored.storage_key) as handle:
        assert handle.read() == b"%PDF-1.7 hello"


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"MZ\x90\x00", "setup.exe", "not accepted"),
    (b"MZ\x90\x00binary", "report.pdf", "does not match"),
    (b"", "empty.txt", "empty"),
    (b"\x00\x01\x02", "notes.txt", "does not match"),
])
def test_refused_files(app, db, admin, content, name, message):
    with pytest.raises(ServiceError) as error:
        store_file(admin, io.BytesIO(content), name)
    assert message in str(error.value.message)


def test_oversized_file_is_refused(app, db, admin):
    app.config["SICRM_MAX_UPLOAD_MB"] = 1
    try:
        with pytest.raises(ServiceError) as error:
            store_file(admin, io.BytesIO(b"a" * (1024 * 1024 + 1)), "big.txt")
        assert "larger than 1 MB" in str(error.value.message)
    finally:
        app.config["SICRM_MAX_UPLOAD_MB"] = 50


def test_clean_filename():
    assert clean_filename("C:\\Users\\x\\投标书.docx") == "投标书.docx"
    assert clean_filename("a<b>c?.txt") == "abc.txt"
    assert clean_filename("...") == "file"
