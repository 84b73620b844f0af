"""``checker review``: walk through the findings and accept false alarms into the baseline."""

from __future__ import annotations

import click

from checker.cli.options import lang_option, pack_option, settings, fail


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@lang_option(None)
@pack_option("Extra rule pack; repeatable.")
def review(paths, baseline, lang, packs):
    """Walk through the findings one by one; accept false alarms into the baseline."""
    from checker import review as R
    from checker.baseline import BaselineError
    from checker.engine import check_paths

    ctx = settings(lang, packs)
    results = check_paths(list(paths), ctx)
    for r in results:
        if r.error:
            click.echo(f"checker: {r.path}: {r.error['message']}", err=True)
    try:
        items, baselines = R.collect(results, baseline)
    except BaselineError as e:
        fail(str(e))
    R.review(items, baselines, ctx.lang)
