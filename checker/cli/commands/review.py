"""``checker review``: walk through the findings and accept false alarms into the baseline."""

from __future__ import annotations

import click

from checker.cli.options import checked, config_options, echo, fail, lang_option, open_run, pack_option


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@lang_option(None)
@pack_option("Extra rule pack; repeatable.")
@config_options
def review(paths, baseline, lang, packs, config_file, isolated, exclude):
    """Walk through the findings one by one; accept false alarms into the baseline."""
    from checker import review as R
    from checker.baseline import BaselineError

    # every finding, accepted ones too: review shows which are accepted and can un-accept them
    run = open_run(paths, lang=lang, packs=packs, exclude=exclude, no_baseline=True, config_file=config_file,
                   isolated=isolated)
    items, baselines = [], {}
    try:
        for r, settings in checked(run):
            if r.error:
                echo(f"checker: {r.path}: {r.error['message']}", err=True)
            found, kept = R.collect([r], baseline or settings.baseline)
            items += found
            baselines.update(kept)
    except BaselineError as e:
        fail(str(e))
    R.review(items, baselines, run.top.lang)
