"""``dateline eval TASK``: accuracy on benchmark data. Each task is one module in this
package defining commands on :data:`eval_app`; every module here is imported, so a new
task is added by adding a file."""

from __future__ import annotations

import importlib
import pkgutil

import typer

eval_app = typer.Typer(
    name="eval",
    help="Measure accuracy on benchmark data (TimeML, actors, geo, events, 5W, merging).",
    no_args_is_help=True,
)


def load_tasks() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
