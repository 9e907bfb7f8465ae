from sqlalchemy import func, select

from sicrm.cli import demo
from sicrm.core.cli import user
from sicrm.core.models import Department, Organization, User
from sicrm.core.services.passwords import verify_password


def test_user_create_and_set_password(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(user, ["create", "--username", "Boss", "--name", "老板", "--admin",
                                  "--password", "abc12345"])
    assert result.exit_code == 0, result.output
    created = db.session.scalar(select(User).where(User.username == "boss"))
    assert created.roles == {"admin"}
    result = runner.invoke(user, ["create", "--username", "boss", "--name", "X",
                                  "--password", "abc12345"])
    assert result.exit_code != 0 and "already taken" in result.output
    result = runner.invoke(user, ["set-password", "--username", "boss", "--password", "xyz98765"])
    assert result.exit_code == 0
    db.session.refresh(created)
    assert verify_password(created.password_hash, "xyz98765") and created.must_change_password


def test_demo_is_idempotent(app, db):
    runner = app.test_cli_runner()
    assert "records added" in runner.invoke(demo).output

    def counts():
        return [db.session.scalar(select(func.count()).select_from(m))
                for m in (User, Department, Organization)]

    first = counts()
    assert first[0] >= 8 and first[1] >= 5 and first[2] >= 15
    assert "nothing to add" in runner.invoke(demo).output
    assert "nothing to add" in runner.invoke(demo, ["--if-empty"]).output
    assert counts() == first
    heads = db.session.scalars(select(Department).where(Department.head_id.is_not(None))).all()
    assert {d.name for d in heads} >= {"销售部", "财务部"}
