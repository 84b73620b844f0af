"""Errors a reader raises for a file it cannot read. Each carries a stable code."""

from __future__ import annotations

from checker.i18n import tr

# code -> (zh, en); {detail} is filled in where the reader knows more.
_MESSAGES = {
    "not-found": ("文件不存在", "no such file"),
    "is-directory": ("是文件夹，不是文稿", "is a directory, not a draft"),
    "no-drafts": ("文件夹中没有可检查的文稿（.docx 或 .txt）", "folder holds no drafts (.docx or .txt)"),
    "permission": ("没有读取权限", "permission denied"),
    "empty": ("文件是空的", "file is empty"),
    "legacy-doc": ("这是旧版 Word（.doc）文件，请在 Word 或 WPS 中“另存为” .docx 后再检查",
                   "this is an old Word .doc file: save it as .docx in Word or WPS, then check again"),
    "legacy-wps": ("这是 WPS 文字（.wps）文件，请在 WPS 中“另存为” .docx 后再检查",
                   "this is a WPS .wps file: save it as .docx in WPS, then check again"),
    "encrypted": ("文档已加密或设有打开密码，请取消密码后另存一份再检查",
                  "the document is encrypted or password-protected: remove the password, save a copy and check that"),
    "damaged": ("文档已损坏或不完整，无法读取（{detail}）",
                "the document is damaged or truncated and cannot be read ({detail})"),
    "not-docx": ("不是 Word 文档（{detail}）", "not a Word document ({detail})"),
    "too-large": ("文档过大，拒绝读取（{detail}）",
                  "the document is too large and was refused ({detail})"),
    "too-complex": ("文稿超出 checker 的处理上限，未检查（{detail}）",
                    "the draft is beyond checker's limits and was not checked ({detail})"),
    "not-a-file": ("不是普通文件（{detail}），只检查普通文件",
                   "not a regular file ({detail}): only regular files are checked"),
    "unlistable": ("无法列出文件夹内容（{detail}），其中的文稿未检查",
                   "cannot list the folder ({detail}): its drafts were not checked"),
    "binary": ("不是文本文件，也不是 Word 文档", "neither a text file nor a Word document"),
    "encoding": ("无法识别文本编码（{detail}）", "cannot tell the text encoding ({detail})"),
    "internal": ("checker 内部错误，请把这个文件和以下信息报告给维护者：{detail}",
                 "internal error in checker; please report this file and: {detail}"),
    "unsupported": ("不支持的文件类型 {detail}，请提供 .docx 或 .txt",
                    "unsupported file type {detail}: give a .docx or .txt"),
}


class ReadError(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def message(self, lang: str = "zh") -> str:
        zh, en = _MESSAGES[self.code]
        return tr(lang, zh, en).format(detail=self.detail)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code}: {self.detail}"
