"""The Django version option and the support dates: flags, answers file, prompt, records, check."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import render as render_module
from scaffold.answers import STARTER_OPTIONS_BY_KEY
from scaffold.cli import cli
from scaffold.record import DECISION_FILE, RECORD_FILE
from scaffold.support import DJANGO_VERSIONS, KNOWN_SERIES, SOURCE, Series, project_support

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"
REAL_TEMPLATES = Path(__file__).parent.parent / "templates"


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    gitconfig = tmp_path.parent / f"{tmp_path.name}.gitconfig"
    gitconfig.write_text("[user]\n\tname = Ada\n\temail = ada@example.org\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return CliRunner()


def new(runner, *args):
    return runner.invoke(cli, ["new", "shop", "--no-input", "--json", *args])


def record_of(project: Path) -> dict:
    return json.loads((project / RECORD_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("ends", "today", "status"),
    [
        ("2028-04", date(2026, 12, 2), "supported"),
        ("2028-04", date(2027, 11, 1), "supported"),  # 181 days before 30 April 2028
        ("2028-04", date(2027, 11, 2), "ending"),  # 180 days before
        ("2028-04", date(2028, 4, 30), "ending"),  # its last day
        ("2028-04", date(2028, 5, 1), "ended"),
        ("2027-02", date(2027, 3, 1), "ended"),
    ],
)
def test_a_series_is_supported_to_the_last_day_of_its_month(ends, today, status):
    assert Series("x", ends).status(today) == status


def test_the_answers_name_series_from_djangos_table():
    assert {answer: series.name for answer, series in DJANGO_VERSIONS.items()} == {
        "current": "6.1",
        "lts": "5.2",
    }
    assert DJANGO_VERSIONS["lts"].lts and not DJANGO_VERSIONS["current"].lts
    assert DJANGO_VERSIONS["lts"].ends_in_words == "April 2028"
    assert SOURCE.startswith("https://www.djangoproject.com/download/")


def test_the_real_template_offers_the_options_values_default_first():
    options = json.loads((REAL_TEMPLATES / "django" / "cookiecutter.json").read_text("utf-8"))
    assert options["django_version"] == list(STARTER_OPTIONS_BY_KEY["django_version"].values)
    flask = json.loads((REAL_TEMPLATES / "flask" / "cookiecutter.json").read_text("utf-8"))
    assert "django_version" not in flask


TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"template": "flask", "answers": {}}, None),
        # Made before the option existed: the template installed Django 5.2.
        ({"template": "django", "answers": {}}, ("5.2", "2028-04", "supported")),
        (
            {"template": "django", "answers": {"django_version": "current"}},
            ("6.1", "2027-12", "supported"),
        ),
        (
            {"template": "django", "answers": {}, "support": {"series": "5.1", "ends": "2099-01"}},
            ("5.1", "2025-12", "ended"),  # scaffold's dates win over the record's
        ),
        (
            {"template": "django", "answers": {}, "support": {"series": "9.9", "ends": "2027-03"}},
            ("9.9", "2027-03", "ending"),  # unknown to scaffold: the record's date
        ),
        (
            {"template": "django", "answers": {}, "support": {"series": "9.9", "ends": "soon"}},
            ("5.2", "2028-04", "supported"),  # unreadable: as if not recorded
        ),
    ],
)
def test_project_support_reads_the_record(record, expected):
    support = project_support(record, TODAY)
    assert (support and (support.series, support.ends, support.status)) == expected


@pytest.mark.parametrize(
    ("args", "answer", "series"),
    [((), "current", "6.1"), (("--django-version", "lts"), "lts", "5.2")],
)
def test_the_record_and_decision_name_the_series_and_its_end(
    runner, tmp_path, args, answer, series
):
    result = new(runner, "--framework", "django", *args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["django_version"] == answer
    record = record_of(tmp_path / "shop")
    ends = KNOWN_SERIES[series].ends
    assert record["answers"]["django_version"] == answer
    assert record["support"] == {"series": series, "ends": ends, "source": SOURCE}
    assert "django_version" not in record["not_stated"]  # not a criterion: it never votes
    decision = (tmp_path / "shop" / DECISION_FILE).read_text(encoding="utf-8")
    assert f"Django {series} (`django_version: {answer}`)" in decision
    assert f"security fixes until the end of {KNOWN_SERIES[series].ends_in_words}" in decision


def test_the_answers_file_takes_the_key(runner, tmp_path):
    (tmp_path / "answers.yaml").write_text("framework: django\ndjango_version: lts\n")
    result = new(runner, "--answers", "answers.yaml")
    assert result.exit_code == 0, result.output
    assert record_of(tmp_path / "shop")["support"]["series"] == "5.2"


def test_the_option_casts_no_vote(runner):
    plain = json.loads(new(runner, "--dry-run").stdout)["recommendation"]
    with_option = json.loads(new(runner, "--dry-run", "--django-version", "lts").stdout)
    assert with_option["recommendation"]["scores"] == plain["scores"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--django-version", "5.2"), "'5.2' is not one of 'current', 'lts'"),
        (
            ("--framework", "flask", "--django-version", "lts"),
            "django_version: applies to Django projects only",
        ),
    ],
)
def test_wrong_uses_are_refused(runner, tmp_path, args, message):
    result = new(runner, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "shop").exists()


def test_a_wrong_value_in_the_answers_file_is_refused(runner, tmp_path):
    (tmp_path / "answers.yaml").write_text("django_version: newest\n")
    result = new(runner, "--answers", "answers.yaml")
    assert result.exit_code != 0
    assert "django_version: 'newest' is not one of current, lts" in result.output


def test_a_flask_project_has_no_series(runner, tmp_path):
    assert new(runner, "--framework", "flask").exit_code == 0
    record = record_of(tmp_path / "shop")
    assert "support" not in record and "django_version" not in record["answers"]


def test_help_names_the_flag_its_choices_and_default(runner):
    result = runner.invoke(cli, ["new", "--help"], terminal_width=400, max_content_width=400)
    assert "--django-version [current|lts]" in result.output
    assert "Django 6.1, the newest feature release" in result.output
    assert "[default: current]" in result.output


def test_the_prompt_asks_a_django_project_only(runner, monkeypatch, tmp_path):
    monkeypatch.setattr("scaffold.cli.stdin_is_terminal", lambda: True)
    args = ["new", "shop", "--framework", "django", "--description", "d", "--author", "a"]
    args += ["--email", "a@example.org", "--no-git"]
    criteria = "\n" * 12
    result = runner.invoke(cli, args, input=criteria + "\nwhatever\nlts\n\n")
    assert result.exit_code == 0, result.output
    assert "Django release series (current: Django 6.1" in result.output
    assert "Error: django_version: 'whatever' is not one of current, lts" in result.output
    assert record_of(tmp_path / "shop")["answers"]["django_version"] == "lts"


def _with_support(project: Path, support: dict) -> None:
    record = record_of(project)
    record["support"] = support
    (project / RECORD_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@pytest.mark.parametrize(
    ("days", "status", "words"),
    [
        (400, "supported", None),
        (60, "ending", "gets security fixes only until"),
        (-62, "ended", "is out of support since"),
    ],
)
def test_check_says_when_support_ends_without_changing_its_exit_code(
    runner, tmp_path, days, status, words
):
    assert new(runner, "--framework", "django").exit_code == 0
    project = tmp_path / "shop"
    ends = _month(date.today() + timedelta(days=days))
    _with_support(project, {"series": "9.9", "ends": ends})  # a series scaffold does not list
    shown = runner.invoke(cli, ["check", str(project)])
    assert shown.exit_code == 0, shown.output
    assert "Current:" in shown.output
    if words:
        assert f"Support: Django 9.9 {words}" in shown.output
    else:
        assert "Support" not in shown.output
    listed = runner.invoke(cli, ["check", "--json", str(project)])
    assert listed.exit_code == 0
    (entry,) = json.loads(listed.stdout)
    assert entry["support"] == {"series": "9.9", "ends": ends, "status": status}


def test_check_of_a_flask_project_has_no_support(runner, tmp_path):
    assert new(runner, "--framework", "flask").exit_code == 0
    listed = runner.invoke(cli, ["check", "--json", str(tmp_path / "shop")])
    assert json.loads(listed.stdout)[0]["support"] is None
