"""Route-permission table for projects.finance (see tests/test_route_permissions.py).

world["fin_project"]: an implementation project led by "owner" (PM) in 华北组, under
销售部 whose head is "manager"; "engineer" is on its team and entered the expense;
"outsider" is not on it; "finance" holds the finance role."""
from datetime import date, timedelta
from io import BytesIO

from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.projects.finance.models import (
    EffortEntry,
    Expense,
    Instalment,
    Invoice,
    Receipt,
)
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.routes import Case

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
P = {"project_id": "fin_project"}
EXPENSE = {**P, "expense_id": "fin_expense"}
INSTALMENT = {**P, "instalment_id": "fin_instalment"}
EXPENSE_FORM = {"category": "travel", "spent_on": YESTERDAY, "amount": "700",
                "description": "出差上海"}  # spent_by_id added by populate
EFFORT_FORM = {"work_date": YESTERDAY, "hours": "4", "note": "现场勘查"}
INSTALMENT_FORM = {"name": "到货款", "percent": "30", "due_date": YESTERDAY}
NOT_ON_TEAM = ("outsider", "finance")

ROUTES = {
    "finance.approvals": Case(allowed="engineer"),
    "finance.receivables": Case(refused=("engineer", "owner", "manager"), allowed="finance"),
    "finance.project_finance": Case(args=P, refused=("outsider",), allowed="finance"),
    "finance.budget_edit": Case("POST", args=P, data={"travel": "1000"},
                                refused=("engineer", "outsider", "finance"), allowed="owner"),
    "finance.expense_add": Case("POST", args=P, data=EXPENSE_FORM, refused=NOT_ON_TEAM,
                                allowed="engineer"),
    "finance.expense_edit": Case("POST", args=EXPENSE, data=EXPENSE_FORM, refused=NOT_ON_TEAM,
                                 allowed="engineer"),
    "finance.expense_delete": Case("POST", args=EXPENSE, refused=NOT_ON_TEAM,
                                   allowed="engineer"),
    # the engineer entered it (their own); finance waits for the PM first
    "finance.expense_decide": Case("POST", args=EXPENSE, data={"decision": "approved"},
                                   refused=("engineer", "outsider", "finance"),
                                   allowed="owner"),
    "finance.expense_receipt": Case(args=EXPENSE, refused=("outsider",), allowed="engineer"),
    "finance.effort_add": Case("POST", args=P, data=EFFORT_FORM, refused=NOT_ON_TEAM,
                               allowed="engineer"),
    "finance.effort_delete": Case("POST", args={**P, "entry_id": "fin_effort"},
                                  refused=NOT_ON_TEAM, allowed="engineer"),
    # engineers see costs, not revenue
    "finance.instalment_add": Case("POST", args=P, data=INSTALMENT_FORM,
                                   refused=("engineer", "outsider"), allowed="owner"),
    "finance.instalment_edit": Case("POST", args=INSTALMENT, data=INSTALMENT_FORM,
                                    refused=("engineer", "outsider"), allowed="finance"),
    "finance.instalment_delete": Case("POST", args={**P, "instalment_id": "fin_instalment2"},
                                      refused=("engineer", "outsider"), allowed="owner"),
    "finance.invoice_add": Case("POST", args=INSTALMENT,
                                data={"number": "NO-2", "issued_on": YESTERDAY,
                                      "amount": "1000"},
                                refused=("owner", "executive", "engineer"), allowed="finance"),
    "finance.receipt_add": Case("POST", args=INSTALMENT,
                                data={"received_on": YESTERDAY, "amount": "1000"},
                                refused=("owner", "executive", "engineer"), allowed="finance"),
    "finance.invoice_delete": Case("POST", args={**P, "invoice_id": "fin_invoice"},
                                   refused=("owner", "executive", "engineer"),
                                   allowed="finance"),
    "finance.receipt_delete": Case("POST", args={**P, "receipt_id": "fin_receipt"},
                                   refused=("owner", "executive", "engineer"),
                                   allowed="finance"),
}


def populate(world):
    owner, engineer = world["owner"], world["engineer"]
    project = make_project(owner, version=make_version(kind="implementation", name="实施"),
                           customer=world["org"], pm=owner, department=owner.department,
                           amount="1000000", team=[(engineer, "engineer")],
                           start=date.today() - timedelta(days=60), name="fin_project")
    receipt = store_file(engineer, BytesIO(b"%PDF-1.4 fapiao"), "发票.pdf")
    expense = Expense(project_id=project.id, category="travel", spent_on=date.today(),
                      amount="800", description="出差北京", spent_by_id=engineer.id,
                      submitted_by_id=engineer.id, receipt_file_id=receipt.id)
    effort = EffortEntry(project_id=project.id, user_id=engineer.id, work_date=date.today(),
                         hours="2", hourly_cost="300", created_by_id=engineer.id)
    instalment = Instalment(project_id=project.id, name="预付款", percent="30",
                            due_date=date.today())
    empty = Instalment(project_id=project.id, name="尾款", percent="10", due_date=date.today())
    db.session.add_all([expense, effort, instalment, empty])
    db.session.flush()
    invoice = Invoice(project_id=project.id, instalment_id=instalment.id, number="NO-1",
                      issued_on=date.today(), amount="1000")
    paid = Receipt(project_id=project.id, instalment_id=instalment.id,
                   received_on=date.today(), amount="1000")
    db.session.add_all([invoice, paid])
    db.session.flush()
    world.update(fin_project=project, fin_expense=expense, fin_effort=effort,
                 fin_instalment=instalment, fin_instalment2=empty, fin_invoice=invoice,
                 fin_receipt=paid)
    # the forms name the person by id
    ROUTES["finance.expense_add"].data["spent_by_id"] = str(engineer.id)
    ROUTES["finance.expense_edit"].data["spent_by_id"] = str(engineer.id)
    ROUTES["finance.effort_add"].data["user_id"] = str(engineer.id)
