"""Renderers present findings; they never re-read a file."""
