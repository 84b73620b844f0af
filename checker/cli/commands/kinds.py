"""``checker kinds``: the kinds of report and the parts each requires."""

from __future__ import annotations

import click

from checker.cli.options import CONTEXT, echo, lang_option, pack_option, settings


@click.command(context_settings=CONTEXT)
@click.option("-v", "--verbose", is_flag=True, help="Show how each kind is recognised as patterns too.")
@pack_option()
@lang_option()
def kinds(verbose, lang, packs):
    """List the kinds of report, how each is recognised and the parts it requires."""
    from checker.render.outline import render_kinds

    ctx = settings(lang, packs)
    echo(render_kinds(ctx.pack, ctx.lang, verbose))
