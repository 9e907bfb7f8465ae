import pytest

from sicrm.core.downloads import ascii_fallback, content_disposition, download_response
from tests.fixtures.downloads import assert_download_name


@pytest.mark.parametrize("name", ["数据中心模板-v1.json", "立项申请表.docx", "发票 (1).pdf",
                                  'a "quoted"; name.txt', "Évaluation.pdf", "report.pdf",
                                  "合同%20评审.xlsx"])
def test_any_name_round_trips(app, name):
    with app.test_request_context():
        assert_download_name(download_response(b"x", name, "text/plain"), name)


def test_the_ascii_fallback_keeps_the_extension():
    assert ascii_fallback("立项申请表.docx") == "download.docx"
    assert ascii_fallback("数据中心模板-v1.json") == "v1.json"
    assert ascii_fallback("Évaluation.pdf") == "Evaluation.pdf"
    assert content_disposition("report.pdf") == 'attachment; filename="report.pdf"'
    assert content_disposition("a\r\nb.txt", "inline").startswith('inline; filename="ab.txt"')
    assert 'filename="event-7.ics"' in content_disposition("客户拜访.ics", fallback="event-7.ics")
