"""``checker outline``: a draft's headings as a tree, its kind and where its required parts are."""

from __future__ import annotations

import click

from checker.cli.options import (CONTEXT, echo, echo_data, kind_option, known_kind, lang_option, pack_option,
                                 read_document, settings, year_option)


@click.command(context_settings=CONTEXT)
@click.argument("path")
@kind_option()
@year_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pack_option()
@lang_option()
def outline(path, kind, year, fmt, lang, packs):
    """Print a draft's outline: its headings as a tree, with line numbers, the kind of report and
    where each part it requires is."""
    from checker.render import outline as R

    ctx = settings(lang, packs, kind=kind)
    known_kind(kind, ctx)
    view = R.OutlineView.of(read_document(path, ctx.lang), ctx.pack, kind, year)
    if fmt == "json":
        echo_data(R.render_json(path, view, ctx.lang) + "\n")
    else:
        echo(R.render_outline(path, view, ctx.lang))
