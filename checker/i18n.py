"""Messages are Chinese by default; ``--lang en`` gives English."""

LANGS = ("zh", "en")


def tr(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh
