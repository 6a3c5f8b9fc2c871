"""The library API: what the commands do, called without Click."""

import json
from pathlib import Path

import pytest

import scaffold
from scaffold import render as render_module
from scaffold.errors import InputError, TargetError

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"


@pytest.fixture(autouse=True)
def fixture_templates(monkeypatch):
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)


def test_create_project_takes_defaults_for_what_is_not_given(tmp_path, capsys):
    created = scaffold.create_project({"project_name": "Billing"}, tmp_path / "billing")
    assert (created.framework, created.git) == ("django", "initialised")
    assert created.answers["project_slug"] == "billing"
    assert created.answers.stated == {"project_name"}
    assert created.recommendation.framework == "django"
    assert ".scaffold.json" in created.files and (tmp_path / "billing/.git").is_dir()
    record = json.loads((tmp_path / "billing/.scaffold.json").read_text())
    assert record["answers"]["framework"] == "django"
    assert capsys.readouterr() == ("", "")  # never prints


def test_create_project_dry_run_writes_nothing(tmp_path):
    created = scaffold.create_project({}, tmp_path / "site", dry_run=True, git=False)
    assert created.git == "skipped: dry run" and "README.md" in created.files
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"framework": "django", "database": "mongodb"}, "framework: django is ruled out"),
        ({"scale": "large", "database": "sqlite"}, "database: 'sqlite' cannot serve"),
        ({"colour": "red"}, "colour: unknown key"),
    ],
)
def test_create_project_refuses_bad_answers_and_writes_nothing(tmp_path, answers, message):
    with pytest.raises(InputError, match=message):
        scaffold.create_project(answers, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_create_project_refuses_a_non_empty_target(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(TargetError, match="not empty"):
        scaffold.create_project({}, tmp_path)


def test_recommend_takes_a_plain_mapping():
    recommendation = scaffold.recommend({"database": "mongodb"})
    assert recommendation.framework == "flask"
    assert "django" in recommendation.excluded


def test_check_and_update_a_created_project(tmp_path):
    created = scaffold.create_project({"project_name": "Shop"}, tmp_path / "shop")
    assert scaffold.check_project(created.path).current
    assert scaffold.update_project(created.path).current
