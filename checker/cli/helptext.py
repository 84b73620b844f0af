"""``--help`` and usage errors in the run's language: Chinese by default, English with ``--lang en`` or
``CHECKER_LANG=en``.

Help strings are written once, in English, beside their options; :data:`OPTIONS` gives each its Chinese,
:data:`COMMANDS` each command's description. Click's own words (``Usage:``, ``Options``, ``Error: …``,
``No such option …``) come from its gettext calls, which :func:`use` points at :data:`CLICK` for Chinese.
A help string without a Chinese entry is shown in English (``tests/test_help_lang.py`` checks there is none).
"""

from __future__ import annotations

import os

# Click's messages (its gettext msgids) in Chinese.
CLICK = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such command {name!r}.": "没有命令 {name!r}（checker -h 列出全部命令）。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令（checker -h 列出全部命令）。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "float": "小数",
    "integer": "整数",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value} is not {op} {bound}.": "{value} 不{op} {bound}。",
    "Aborted!": "已中止！",
    "default: {default}": "默认：{default}",
}

# Help of the options, by their English text.
OPTIONS = {
    "Show the version and exit.": "显示版本并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Message language (default zh; or CHECKER_LANG).": "消息语言（默认 zh 中文；也可用环境变量 CHECKER_LANG）。",
    "Extra rule pack (.toml file or folder); repeatable.": "附加规则包（.toml 文件或文件夹），可重复。",
    "Kind of report, overriding detection (see `checker kinds`).": "报告类型，不用自动识别（见 checker kinds）。",
    "Skip these rules (comma-separated or repeated).": "不运行这些规则（逗号分隔或重复给出）。",
    "Only these rules (comma-separated or repeated).": "只运行这些规则（逗号分隔或重复给出）。",
    "Show accepted findings too.": "已接受为误报的问题也显示。",
    "Accepted findings file (default: .checker-baseline.json beside each draft).":
        "已接受问题的基线文件（默认：每份文稿旁的 .checker-baseline.json）。",
    "Report format.": "报告格式。",
    "Stop checking a draft after this long and report it, so it cannot hold the others up (0 = no limit).":
        "一份文稿检查超过这个时间就停止并在报告中说明，免得耽误其他文稿（0 表示不限时）。",
    "Write the report to this file (atomically).": "把报告写入此文件（原子写入）。",
    "Lowest severity that makes the exit code 1.": "达到此级别（及以上）时退出码为 1。",
    "No colour (also NO_COLOR=1).": "不用颜色（也可设 NO_COLOR=1）。",
    "Where to write the annotated copy (one draft only). Default: NAME.checked.docx beside it.":
        "批注版写到哪里（只限一份文稿）。默认：原稿旁的 文件名.checked.docx。",
    "Also highlight the flagged text (yellow errors, turquoise warnings).":
        "同时突出显示有问题的文字（错误黄色，警告青色；原已突出显示的文字改加波浪下划线）。",
    "One comment per finding (default: one per paragraph).": "每个问题一条批注（默认：每段一条，列出该段全部问题）。",
    "Kind of report, overriding detection.": "报告类型，不用自动识别。",
    "Language of the comments (default zh; or CHECKER_LANG).": "批注的语言（默认 zh 中文；也可用 CHECKER_LANG）。",
    "Extra rule pack (.toml file or folder).": "附加规则包（.toml 文件或文件夹）。",
    "Comment on accepted findings too.": "已接受为误报的问题也写批注。",
    "Extra rule pack; repeatable.": "附加规则包，可重复。",
    "Only findings of these rules (codes or rule names).": "只看这些规则的问题（规则代码或规则名）。",
    "Only findings of this severity; repeatable.": "只看此级别的问题，可重复。",
    "Label language.": "标签语言。",
    "Print the page's Markdown as it is.": "按原样输出说明页的 Markdown。",
    "Show how each kind is recognised as patterns too.": "同时列出识别每种类型所用的模式。",
    "Reports folder, mirroring the drafts' tree (default FOLDER/_checker).": "报告文件夹，结构与文稿文件夹相同（默认 文件夹/_checker）。",
    "Report formats, comma-separated, of html,json,docx (default: every one available here).":
        "报告格式，逗号分隔，可选 html、json、docx（默认：本机可用的全部格式）。",
    "Poll every SECONDS instead of file-system events (chosen by itself, every 2 s, on SMB/CIFS/NFS/SSHFS mounts).":
        "每隔若干秒轮询，不用文件系统通知（在 SMB/CIFS/NFS/SSHFS 共享上自动每 2 秒轮询）。",
    "Check a draft once its size and time stayed the same this long.": "文稿大小和修改时间保持这么久不变后才检查。",
    "Bring every report up to date, then exit (for cron / Task Scheduler).": "把全部报告更新后退出（供 cron / 任务计划程序使用）。",
    "Also walk the whole folder this often, in case an event was lost (0 = never).":
        "每隔这么久把整个文件夹再走一遍，以防漏掉通知（0 = 不走）。",
    "Log only problems.": "日志只记问题。",
    "Log every decision too.": "日志也记每个决定。",
    "Use this configuration file instead of the checker.toml / .checker.toml / pyproject.toml found upward from each draft.":
        "用这个配置文件，不用从每份文稿所在文件夹向上找到的 checker.toml / .checker.toml / pyproject.toml。",
    "Read no configuration file.": "不读任何配置文件。",
    "Leave out files in folders matching GLOB (added to the configuration's exclude); repeatable.":
        "跳过文件夹中与 GLOB 匹配的文件（追加到配置的 exclude 上），可重复。",
    "Report format (sarif, github, junit, gitlab and checkstyle are for CI systems).":
        "报告格式（sarif、github、junit、gitlab 和 checkstyle 供 CI 系统使用）。",
    "Write the report to this file (atomically, UTF-8).": "把报告写入此文件（原子写入，UTF-8）。",
    "Lowest severity that makes the exit code 1 (default error, or fail-on in the configuration).":
        "达到此级别（及以上）时退出码为 1（默认 error，或配置里的 fail-on）。",
    "The year the title would name (2025 for a 2025年工作总结), when it names none or a wrong one.":
        "标题本应写的年份（2025年工作总结 为 2025），用于标题没写年份或写错时。",
    "Terminal report: only the files with findings, and the summary.": "终端报告：只列有问题的文件和小结。",
    "Counts per rule instead of each finding (with -o, the report goes to the file and the counts here).":
        "按规则计数，不逐条列出（用 -o 时报告写入文件，计数显示在这里）。",
    "Check files in this many processes (default: one per core; 1: one after another).":
        "用这么多个进程检查文件（默认每个处理器核一个；1 为逐个检查）。",
    "Accepted findings file.": "已接受问题的基线文件。",
    "json: every code with its rule, severity, summaries and page.": "json：每个代码连同规则、级别、说明和说明页。",
}

# Each command's description (its docstring in English).
COMMANDS = {
    "checker": "checker：政府工作报告、工作总结、工作计划提交前检查。\n\n"
               "在 .docx 和 .txt 文稿中找出未填写的模板占位符、模板网站水印、缺少的部分和对不上的数字。"
               "用 --lang en（或 CHECKER_LANG=en）显示英文。",
    "annotate": "给每份文稿写一份带 Word 批注的副本：每段一条批注，列出该段的全部问题。\n\n"
                "草稿.docx → 草稿.checked.docx（.txt 文稿按行生成 A4 仿宋的 .docx）。原稿不会被修改。"
                "退出码：0 已写好副本，2 有文稿无法读取或写入。",
    "check": "检查文稿（.docx、.txt；文件夹会被搜索；- 从标准输入读取）。\n\n"
             "退出码：0 没有达到 --fail-on 级别的问题，1 有，2 用法错误或文件无法读取。",
    "explain": "显示规则的说明页（中文；--lang en 为英文）。",
    "config": "显示对 PATH（文稿或文件夹；默认当前文件夹）生效的设置，以及每项设置来自哪里：默认值、配置文件（向上找到的 "
              "checker.toml、.checker.toml、pyproject.toml 中的 [tool.checker]）、其中的某个 [[overrides]]、CHECKER_LANG "
              "或命令行。可以带 checker check 的选项，看它们怎样组合。",
    "kinds": "列出报告类型、每种怎样识别以及必须具备的部分。",
    "outline": "列出文稿的提纲：标题层级、行号、报告类型以及每个必备部分在哪里。",
    "review": "逐条查看问题，把误报接受进基线。\n\n"
              "按键：n/空格/→ 下一条，p/← 上一条，a 接受为误报，A 接受所有同类，u 取消接受，"
              "r 只看此规则，s 按级别筛选，q 退出并显示小结。",
    "rules": "列出全部问题代码及默认级别，按报告它们的规则分组。",
    "text": "显示规则看到的带行号的文字，以及每行在文稿中的位置。",
    "watch": "为文件夹（共享文件夹）中的每份文稿保持最新的报告。\n\n"
             "启动时检查报告缺失或过期的文稿；之后新建、修改和移入的文稿在不再变化后检查一次。"
             "报告的目录结构与文稿相同；index.html 列出全部文稿，最新的在前。按 Ctrl+C 或发送 SIGTERM 停止。",
}

_ENGLISH = {zh: en for en, zh in CLICK.items()}
_lang = "zh"


def lang_of_args(args) -> str:
    """The language of a command line: ``--lang en``/``--lang=en`` anywhere, else CHECKER_LANG, else zh."""
    args = list(args or ())
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if a.startswith("--lang=") and a[7:] in ("zh", "en"):
            return a[7:]
    env = os.environ.get("CHECKER_LANG")
    return env if env in ("zh", "en") else "zh"


def current() -> str:
    return _lang


def _gettext(message: str) -> str:
    return CLICK.get(message, message) if _lang == "zh" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def use(lang: str) -> None:
    """Speak ``lang`` in help and usage errors from now on (click's messages included)."""
    global _lang
    _lang = lang
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for mod in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(mod, "_"):
            mod._ = _gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = _ngettext


class Translated:
    """Mixed into a command's class: its help (and its options' help) in the chosen language."""

    def format_help(self, ctx, formatter):
        saved = [(p, p.help) for p in self.get_params(ctx) if getattr(p, "help", None)]
        own = self.help
        try:
            if _lang != "zh":   # click caches its --help option: made in a Chinese run, it says so
                for p, h in saved:
                    p.help = _ENGLISH.get(h, h)
                return super().format_help(ctx, formatter)
            for p, h in saved:
                p.help = OPTIONS.get(h, h)
            self.help = COMMANDS.get(self.name) or (COMMANDS["checker"] if ctx.parent is None else own)
            return super().format_help(ctx, formatter)
        finally:
            for p, h in saved:
                p.help = h
            self.help = own

    def get_short_help_str(self, limit: int = 45) -> str:
        if _lang == "zh" and self.name in COMMANDS:
            return COMMANDS[self.name].split("\n")[0].split("。")[0][:limit]
        return super().get_short_help_str(limit)


def translated(cmd):
    """The command, its class swapped for one that translates its help (once)."""
    if not isinstance(cmd, Translated):
        cmd.__class__ = type(f"Translated{type(cmd).__name__}", (Translated, type(cmd)), {})
    return cmd
