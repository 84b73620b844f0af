"""``checker config [PATH]``: the settings in force for a draft or folder, and where each came from."""

from __future__ import annotations

import click

from checker.cli.options import (CONTEXT, config_options, echo, echo_data, fail, kind_option, lang_option,
                                 pack_option, select_options, split)


@click.command(context_settings=CONTEXT)
@click.argument("path", required=False, default=".")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None)
@select_options
@kind_option()
@click.option("--baseline", type=click.Path(dir_okay=False), help="Accepted findings file.")
@pack_option()
@lang_option()
@config_options
def config(path, fmt, fail_on, select, ignore, kind, baseline, packs, lang, config_file, isolated, exclude):
    """Print the settings in force for PATH (a draft or folder; default: here) and where each came
    from: default, a configuration file (checker.toml, .checker.toml, [tool.checker] in
    pyproject.toml, found upward), one of its [[overrides]], CHECKER_LANG, or the command line.
    Takes the options of `checker check`, to show how they combine."""
    import json

    from checker.config import ConfigError, Resolver

    cli = {"select": split(select), "ignore": split(ignore), "fail-on": fail_on, "kind": kind, "packs": packs,
           "lang": lang, "exclude": tuple(exclude), "baseline": baseline}
    try:
        settings = Resolver(cli, config=config_file, isolated=isolated).settings(None if path == "-" else path)
    except ConfigError as e:
        fail(str(e))
    if fmt == "json":
        echo_data(json.dumps({"path": path, **settings.as_dict()}, ensure_ascii=False, indent=2) + "\n")
    else:
        echo(settings.describe())
