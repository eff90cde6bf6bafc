"""Docs kept true: every error code and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.cli import app
from dateline.errors import Code

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.name)
def test_docs_every_code_has_a_heading(code: Code) -> None:
    text = (ROOT / "docs" / "errors.md").read_text()
    assert f"## {code.name} {code.value}" in text


def test_docs_every_command_in_readme_and_cli_reference() -> None:
    import typer.main

    group = typer.main.get_group(app)
    readme = (ROOT / "README.md").read_text()
    reference = (ROOT / "docs" / "cli.md").read_text()
    for name in group.commands:
        assert re.search(rf"dateline {name}\b", readme), f"README does not show {name}"
        assert f"## dateline {name}" in reference, f"docs/cli.md has no section for {name}"


def test_docs_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_docs_cli_reference_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "cli.md").read_text() == module.render(), (
        "docs/cli.md is stale: run python docs/gen_cli.py"
    )
