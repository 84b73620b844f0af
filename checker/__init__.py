"""checker: a pre-submission checker for Chinese government report drafts."""

__version__ = "0.1.0"
