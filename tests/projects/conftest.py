"""People around the project views' tests: a sales department with a manager."""
import pytest

from sicrm.core import roles as R
from tests.fixtures.factories import make_department, make_user


@pytest.fixture
def people(db):
    sales_dept = make_department("销售部")
    north = make_department("华北组", parent=sales_dept)
    manager = make_user("manager", roles=[R.DEPT_MANAGER, R.SALES], department=sales_dept)
    sales_dept.head = manager
    return {
        "dept": sales_dept,
        "north": north,
        "manager": manager,
        "seller": make_user("seller", roles=[R.SALES], department=north, full_name="王销售"),
        "pm": make_user("pm", roles=[R.PROJECT_MANAGER], department=north, full_name="李经理"),
        "outsider": make_user("outsider", roles=[R.SALES]),
        "engineer": make_user("engineer2", roles=[R.ENGINEER], full_name="赵工"),
        "admin": make_user("admin", roles=[R.ADMIN]),
    }
