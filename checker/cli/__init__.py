"""The ``checker`` command: the group, with each sub-command in ``checker.cli.commands.<name>``,
imported only when it is invoked (heavy modules are imported inside the commands)."""

from __future__ import annotations

import click

from checker import __distribution__, __version__
from checker.cli import helptext
from checker.cli.options import CONTEXT, echo

# name -> "module:attribute"; listed in help in alphabetical order.
COMMANDS: dict[str, str] = {
    name: f"checker.cli.commands.{name}:{name}"
    for name in ("annotate", "check", "config", "explain", "kinds", "outline", "review", "rules", "text", "watch")
}


class LazyGroup(helptext.Translated, click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx, name):
        if name in COMMANDS:
            import importlib

            from checker import cache

            cache.install()  # compiled patterns and parsed packs from the last run (checker.cache)
            _quiet_gc()
            module, attr = COMMANDS[name].split(":")
            command = helptext.translated(getattr(importlib.import_module(module), attr))
            import gc

            gc.freeze()  # what the imports made lives as long as the process: never scan it again
            return command
        return super().get_command(ctx, name)

    def make_context(self, info_name, args, parent=None, **extra):
        # --help and usage errors speak the run's language (zh unless --lang en / CHECKER_LANG=en),
        # decided from the whole command line before anything is parsed
        helptext.use(helptext.lang_of_args(args))
        return super().make_context(info_name, args, parent=parent, **extra)

    def main(self, *args, **kwargs):
        # Every command writes through stdout/stderr made safe for any console or pipe encoding.
        from checker import console

        console.setup()
        try:
            return super().main(*args, **kwargs)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise                                   # only without standalone mode; click says them itself
        except BrokenPipeError:                     # `checker check 草稿/ | head`: the reader went away
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as e:                      # a bug: one line naming it, never a traceback
            import sys

            detail = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
            echo(f"checker: 内部错误，请报告给维护者 / internal error, please report it: {detail}", err=True)
            sys.exit(2)


def _quiet_gc() -> None:
    """Collect cyclic garbage less often: a check allocates many small objects that live for the
    whole run (a document's lines, its findings) and few cycles; with the default thresholds the
    collector kept walking them (measured: 7% of a run over 100 .docx, the same report)."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def _version(ctx, _param, value):
    if value and not ctx.resilient_parsing:
        echo(f"checker {__version__} ({__distribution__})")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def main():
    """checker: pre-submission checks of government work reports, summaries and plans.

    Finds leftover template slots, vendor watermarks, missing sections and figures that do
    not add up in .docx and .txt drafts. Chinese by default; --lang en (or CHECKER_LANG=en) for English.
    """
