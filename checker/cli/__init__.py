"""The ``checker`` command: the group, with each sub-command in ``checker.cli.commands.<name>``,
imported only when it is invoked (heavy modules are imported inside the commands)."""

from __future__ import annotations

import click

from checker import __version__
from checker.cli.options import CONTEXT

# name -> "module:attribute"; listed in help in alphabetical order.
COMMANDS: dict[str, str] = {
    name: f"checker.cli.commands.{name}:{name}"
    for name in ("annotate", "check", "explain", "kinds", "outline", "review", "rules", "text", "watch")
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx, name):
        if name in COMMANDS:
            import importlib

            from checker import cache

            cache.install()  # compiled patterns and parsed packs from the last run (checker.cache)
            _quiet_gc()
            module, attr = COMMANDS[name].split(":")
            command = getattr(importlib.import_module(module), attr)
            import gc

            gc.freeze()  # what the imports made lives as long as the process: never scan it again
            return command
        return super().get_command(ctx, name)


def _quiet_gc() -> None:
    """Collect cyclic garbage less often: a check allocates many small objects that live for the
    whole run (a document's lines, its findings) and few cycles; with the default thresholds the
    collector kept walking them (measured: 7% of a run over 100 .docx, the same report)."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def _version(ctx, _param, value):
    if value and not ctx.resilient_parsing:
        click.echo(f"checker {__version__}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def main():
    """checker: 政府工作报告、工作总结、工作计划提交前检查。

    Finds leftover template slots, vendor watermarks, missing sections and figures that do
    not add up in .docx and .txt drafts.
    """
