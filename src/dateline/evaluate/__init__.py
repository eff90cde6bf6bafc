"""Scorers behind ``dateline eval``: one module per task (TimeML, actors, geo, events,
main event, merging). Each reads a benchmark's own format, runs the pipeline, and returns
a plain dict of measures; the CLI prints it as a table, or as JSON on the last line with
``--json``."""
