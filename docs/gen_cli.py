"""Render docs/cli.md from the Typer app (run: python docs/gen_cli.py; a test checks it)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

from dateline.cli import app

OUT = Path(__file__).parent / "cli.md"


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(name, command) for every command, sub-commands of groups (``eval timeml``) included."""
    out: list[tuple[str, Any]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        if hasattr(command, "commands"):
            out.append((f"{prefix}{name}", command))
            out += _commands(command, f"{prefix}{name} ")
        else:
            out.append((f"{prefix}{name}", command))
    return out


def render() -> str:
    group = typer.main.get_group(app)
    lines = [
        "# Command reference",
        "",
        "Generated from the code by `python docs/gen_cli.py`; a test fails when it is stale.",
        "",
    ]
    for name, command in _commands(group):
        lines += [f"## dateline {name}", "", (command.help or "").strip(), ""]
        args = [p for p in command.params if p.param_type_name == "argument"]
        opts = [p for p in command.params if p.param_type_name == "option"]
        usage = " ".join(
            [
                f"dateline {name}",
                *(
                    f"{a.name.upper()}..." if a.nargs == -1 else a.name.upper()
                    for a in args
                    if a.name
                ),
            ]
        )
        lines += ["```", usage + (" [OPTIONS]" if opts else ""), "```", ""]
        if opts:
            lines += ["| option | default | meaning |", "|---|---|---|"]
            for opt in opts:
                flags = ", ".join(f"`{o}`" for o in opt.opts)
                default = opt.default
                shown = (
                    ""
                    if default in (None, False, [], ())
                    else f"`{getattr(default, 'value', default)}`"
                )
                help_text = (opt.help or "").replace("|", "\\|")
                lines.append(f"| {flags} | {shown} | {help_text} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    OUT.write_text(render())
    sys.stdout.write(f"wrote {OUT}\n")
