"""The checks before the tests: `make lint` runs each of them, CI runs `make lint` first, and the
pre-commit hooks run the same tools the same way."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = {"ruff check", "ruff format --check", "lint-imports", "mypy"}


def _recipes(makefile: str) -> dict[str, list[str]]:
    """Each target's prerequisites (as the first "line") and recipe lines."""
    targets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in makefile.splitlines():
        if line.startswith("\t") and current is not None:
            current.append(line.strip())
        elif (match := re.match(r"^([\w-]+):(?!=)(.*)$", line)) is not None:
            current = targets.setdefault(match.group(1), [match.group(2).strip()])
        else:
            current = None
    return targets


def _tool(command: str) -> str:
    return re.sub(r"^(\$\(VENV\)|\.venv)/bin/", "", command.split(" desktop")[0]).strip()


def test_make_lint_runs_every_check() -> None:
    targets = _recipes((ROOT / "Makefile").read_text(encoding="utf-8"))
    parts = targets["lint"][0].split()
    commands = {_tool(line) for part in parts for line in targets[part][1:]}
    assert commands == CHECKS


def test_ci_lints_before_testing() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert lines.index("make lint") < lines.index("make test")


def test_pre_commit_runs_the_same_checks_with_the_venv_s_tools() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^\s*entry:\s*(.+)$", config, flags=re.MULTILINE)
    assert all(entry.startswith(".venv/bin/") for entry in entries)
    assert {_tool(entry) for entry in entries} == CHECKS
    assert "repo: local" in config and "rev:" not in config  # nothing to download
