"""The registry of import kinds: each registered kind's blank template is recognised as that
kind by the detection and goes through the whole pipeline (dry run) without error; the command
line's choices are the registry's."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop.cli.main import build_parser
from desktop.io import kinds
from desktop.io.importer import ImportRequest, prepare, run_import
from desktop.io.kinds import AUTO, KINDS, REGISTRY, import_kind
from desktop.io.mapping import field_choices, suggest
from desktop.io.templates import write_template
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store


@pytest.mark.parametrize("name", list(REGISTRY))
def test_each_kind_s_template_is_detected_as_it_and_reads_without_error(
    name: str, tmp_path: Path, store: Store, actor: Actor
) -> None:
    with store.transaction() as session:  # actions need the territory of their plan
        create_territory(session, actor, name="CC Test", siren="200000172")
    path = write_template(name, tmp_path / f"{name}.xlsx")
    kind = import_kind(name)
    assert kind.name == name and kind.template
    prepared = prepare(store, ImportRequest(path))  # the kind detected, not given
    assert prepared.kind == name
    headers = [header for header, _help, _choices in kind.template]
    assert {prepared.layout.names[col] for col in prepared.mapping} == set(headers)
    summary = run_import(store, prepared, ImportRequest(path, dry_run=True), actor)
    assert summary.kind == name and summary.rejections == []


def test_a_kind_s_vocabulary_and_extra_fields_are_the_wizard_s_choices() -> None:
    for name in KINDS:
        kind = import_kind(name)
        assert field_choices(name, {}) == ["ignore", *kind.fields, *kind.extra_choices]


def test_the_kind_s_column_rule_decides_what_the_vocabulary_does_not() -> None:
    # actions: an amount is its funder's, the budget before any funder; observations: a
    # year header holds that year's values
    assert suggest("actions", ["Titre", "Montant", "Financeur 2", "Montant HT"]) == {
        0: "title",
        1: "budget",
        2: "funder#2",
        3: "amount#2",
    }
    assert suggest("observations", ["Indicateur", "2019", "2020"]) == {
        0: "indicator_name",
        1: "year:2019",
        2: "year:2020",
    }


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise AssertionError(name)


def _choices(parser: argparse.ArgumentParser, dest: str) -> list[str]:
    return next(list(a.choices or ()) for a in parser._actions if a.dest == dest)


def test_the_command_line_s_kinds_come_from_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parser = build_parser()
    assert _choices(_subparser(parser, "import"), "kind") == [AUTO, *REGISTRY]
    assert _choices(_subparser(parser, "template"), "kind") == list(REGISTRY)
    # A kind added to the registry is offered without touching the command line.
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, "example"))
    parser = build_parser()
    assert "example" in _choices(_subparser(parser, "import"), "kind")
    assert "example" in _choices(_subparser(parser, "template"), "kind")
