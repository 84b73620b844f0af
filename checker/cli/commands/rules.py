"""``checker rules``: every finding code with its default severity, by the rule that reports it."""

from __future__ import annotations

import click

from checker.cli.options import CONTEXT, lang_option, resolve_lang


@click.command(context_settings=CONTEXT)
@lang_option(None)
def rules(lang):
    """List every finding code with its default severity, grouped by the rule that reports it."""
    from checker import codes

    lang = resolve_lang(lang)
    for family in codes.families():
        members = codes.of_family(family)
        if family not in codes.CODES:
            click.echo(family)
        for name in members:
            c = codes.CODES[name]
            indent = "" if name == family else "  "
            click.echo(f"{indent}{name:<{24 - len(indent)}} {c.severity.label(lang):<8} {c.describe(lang)}")
