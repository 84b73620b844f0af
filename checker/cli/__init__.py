"""The ``checker`` command: the group, with each sub-command in ``checker.cli.commands.<name>``,
imported only when it is invoked (heavy modules are imported inside the commands)."""

from __future__ import annotations

import click

from checker import __distribution__, __version__
from checker.cli.options import CONTEXT, echo

# name -> "module:attribute"; listed in help in alphabetical order.
COMMANDS: dict[str, str] = {
    name: f"checker.cli.commands.{name}:{name}"
    for name in ("annotate", "check", "config", "explain", "kinds", "outline", "review", "rules", "text", "watch")
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx, name):
        if name in COMMANDS:
            import importlib

            module, attr = COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def main(self, *args, **kwargs):
        # Every command writes through stdout/stderr made safe for any console or pipe encoding.
        from checker import console

        console.setup()
        return super().main(*args, **kwargs)


def _version(ctx, _param, value):
    if value and not ctx.resilient_parsing:
        echo(f"checker {__version__} ({__distribution__})")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def main():
    """checker: 政府工作报告、工作总结、工作计划提交前检查。

    Finds leftover template slots, vendor watermarks, missing sections and figures that do
    not add up in .docx and .txt drafts.
    """
