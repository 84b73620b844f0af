"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::error file=草稿/总结.txt,line=3,endLine=3,col=5,endColumn=7,title=checker placeholder::模板占位符…

One command per finding (error → ``error``, warning → ``warning``, info → ``notice``) and one
``::error`` per file that could not be read. Values are escaped as the runner requires: in the message
``%`` ``\\r`` ``\\n``; in properties also ``:`` and ``,``. Columns count UTF-16 code units, as the
pull-request view does; ``endColumn`` is exclusive.
"""

from __future__ import annotations

from checker.render.ci import sorted_findings, utf16_columns

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props) -> str:
    """One workflow command line; ``None`` properties are left out, the rest escaped."""
    body = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name} {body}::{escape_data(message)}" if body else f"::{name}::{escape_data(message)}"


def render(results, *, lang: str = "zh", color: bool = False, **_) -> str:
    lines = []
    for r in results:
        path = None if r.path == "-" else r.path
        if r.error:
            lines.append(command("error", r.error.get("message", ""), file=path, title="checker"))
            continue
        for f in sorted_findings(r):
            start, end = utf16_columns(r, f)
            lines.append(command(COMMANDS.get(f.severity, "warning"), f.message, file=path, line=f.line,
                                 endLine=f.end_line, col=start, endColumn=end, title=f"checker {f.rule}"))
    return "".join(line + "\n" for line in lines)
