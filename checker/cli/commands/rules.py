"""``checker rules``: every finding code with its default severity, by the rule that reports it."""

from __future__ import annotations

import click

from checker.cli.options import CONTEXT, echo, echo_data, lang_option, resolve_lang


@click.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every code with its rule, severity, summaries and page.")
@lang_option(None)
def rules(fmt, lang):
    """List every finding code with its default severity, grouped by the rule that reports it."""
    from checker import codes

    if fmt == "json":
        import json

        echo_data(json.dumps(codes.as_data(), ensure_ascii=False, indent=2) + "\n")
        return
    lang = resolve_lang(lang)
    for family in codes.families():
        members = codes.of_family(family)
        if family not in codes.CODES:
            echo(family)
        for name in members:
            c = codes.CODES[name]
            indent = "" if name == family else "  "
            echo(f"{indent}{name:<{24 - len(indent)}} {c.severity.label(lang):<8} {c.describe(lang)}")
