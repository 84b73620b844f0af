"""``checker explain CODE``: a rule's documentation page."""

from __future__ import annotations

import click

from checker.cli.options import CONTEXT, echo, fail


@click.command(context_settings=CONTEXT)
@click.argument("rule")
def explain(rule):
    """Show a rule's documentation page."""
    from checker.docs import rule_doc

    doc = rule_doc(rule)
    if doc is None:
        fail(f"未知规则 / unknown rule: {rule}")
    echo(doc)
