"""``checker annotate``: a copy of each draft with Word comments on its findings (one per paragraph)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.options import (CONTEXT, baseline_options, config_options, echo, fail, kind_option, lang_option,
                                 open_run, pack_option, select_options)


@click.command("annotate", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where to write the annotated copy (one draft only). Default: NAME.checked.docx beside it.")
@click.option("--highlight", is_flag=True, help="Also highlight the flagged text (yellow errors, turquoise warnings).")
@click.option("--per-finding", is_flag=True, help="One comment per finding (default: one per paragraph).")
@select_options
@kind_option("Kind of report, overriding detection.")
@lang_option("Language of the comments (default zh; or CHECKER_LANG).")
@pack_option("Extra rule pack (.toml file or folder).")
@baseline_options("Comment on accepted findings too.")
@config_options
def annotate(paths, output, highlight, per_finding, select, ignore, kind, lang, packs, baseline, no_baseline,
             config_file, isolated, exclude):
    """Write a copy of each draft with Word comments: one per paragraph, listing its findings.

    草稿.docx -> 草稿.checked.docx (a .txt draft gets a .docx built from its lines).
    The draft itself is never changed. Exit code: 0 copies written, 2 a draft could not be read or written.
    """
    from checker.api import ConfigError
    from checker.i18n import tr
    from checker.packs import PackError

    run = open_run(paths, lang=lang, packs=packs, select=select, ignore=ignore, kind=kind, exclude=exclude,
                   config_file=config_file, isolated=isolated)
    lang = run.top.lang
    if output and len(run.inputs) != 1:
        fail(tr(lang, "-o 只能用于一个文稿", "-o takes exactly one draft"))
    status = 0
    for inp in run.inputs:
        if inp.real is None and not output:
            fail(tr(lang, "从标准输入读取时须用 -o 指定输出文件", "reading stdin needs -o OUTPUT"))
        try:
            settings = run.settings(None if inp.real is None else inp.path)
            ctx = run.context(settings)
        except (ConfigError, PackError) as e:
            fail(str(e))
        if not _one(inp, output, (highlight, per_finding), ctx, baseline or settings.baseline, no_baseline):
            status = 2
    sys.exit(status)


def _one(inp, output, how, ctx, baseline, no_baseline) -> bool:
    """Check one draft and write its commented copy; say what happened. False when it could not be done."""
    from checker.annotate import AnnotateError, annotated_copy, output_path
    from checker.baseline import BaselineError, apply
    from checker.engine import check_input, read_data
    from checker.errors import ReadError
    from checker.fileio import atomic_write
    from checker.i18n import tr

    lang = ctx.lang
    try:
        data = read_data(inp)
        target = Path(output) if output else output_path(inp.real)
        if inp.real is not None and target.exists() and target.resolve() == inp.real.resolve():
            raise AnnotateError(tr(lang, "输出文件不能是原稿本身", "the output cannot be the draft itself"))
        result = check_input(inp, ctx, data)
        if result.error:
            return _say_error(inp.path, result.error["message"])
        if not no_baseline:
            apply([result], baseline)
        blob, placed = annotated_copy(data, result, lang, *how)
    except BaselineError as e:
        fail(str(e))
    except ReadError as e:
        return _say_error(inp.path, e.message(lang))
    except PermissionError:
        return _say_error(inp.path, ReadError("permission").message(lang))
    except (OSError, AnnotateError) as e:
        return _say_error(inp.path, str(e) if isinstance(e, AnnotateError) else (e.strerror or e))
    try:
        atomic_write(target, blob)
    except OSError as e:
        return _say_error(target, f"{tr(lang, '无法写入', 'cannot write')}: {e.strerror or e}")
    echo(_done_message(inp.path, target, result.findings, placed, lang))
    return True


def _say_error(where, message) -> bool:
    echo(f"checker: {where}: {message}", err=True)
    return False


def _done_message(path, target, findings, placed, lang) -> str:
    from checker.findings import severity_label
    from checker.i18n import tr
    from checker.summary import severity_counts

    if not findings:
        return tr(lang, f"{path} → {target}：未发现问题", f"{path} → {target}: nothing found")
    detail = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}"
                                       for s, n in severity_counts(findings).items() if n)
    return tr(lang, f"{path} → {target}：{placed} 条批注（{detail}）",
              f"{path} → {target}: {placed} comment(s) ({detail})")
