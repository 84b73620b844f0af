"""What the project configuration says about each draft under the watched folder: whether it is left
out, the context it is checked with, and its accepted-findings file."""

from __future__ import annotations

import os
from pathlib import Path


class Drafts:
    """Per-draft settings, by the draft's path relative to the watched folder. ``project`` is the project
    configuration (a :class:`checker.api.Run`), or None: then every draft is checked with ``ctx``."""

    def __init__(self, root: Path, ctx, project=None):
        self.root = root
        self.ctx = ctx
        self.project = project

    def excluded(self, rel: str) -> bool:
        """A draft the project configuration's ``exclude`` leaves out."""
        return self.project is not None and self.project.excluded(self.root / rel)

    def context_for(self, rel: str):
        """The context a draft is checked with: its project configuration's, else the run's."""
        return self.ctx if self.project is None else self.project.context_for(self.root / rel)

    def baseline_of(self, rel: str) -> Path:
        """The accepted-findings file of a draft: the project configuration's ``baseline``, else the
        ``.checker-baseline.json`` beside it."""
        from checker.baseline import location_for

        explicit = self.project.settings(self.root / rel).baseline if self.project is not None else None
        return location_for(str(self.root / rel), explicit)

    def baseline_sig(self, rel: str) -> list:
        """[size, mtime_ns] of the draft's accepted-findings file, [] when there is none."""
        try:
            st = os.stat(self.baseline_of(rel))
        except OSError:
            return []
        return [st.st_size, st.st_mtime_ns]
