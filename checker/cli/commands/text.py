"""``checker text``: the numbered lines the rules see."""

from __future__ import annotations

import click

from checker.cli.options import CONTEXT, echo, lang_option, read_document, resolve_lang


@click.command(context_settings=CONTEXT)
@click.argument("path")
@lang_option("Label language.")
def text(path, lang):
    """Print the numbered lines that rules see, with where each lives."""
    from checker.render.outline import render_text

    lang = resolve_lang(lang)
    echo(render_text(path, read_document(path, lang), lang))
