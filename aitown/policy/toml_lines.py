"""Where each key of a TOML text sits: tomllib gives values but no line numbers.

A small scanner walks the text line by line, follows table headers (``[a.b]``, ``[[a.b]]``), notes
every ``key =`` at the start of a line under the current table, and skips strings, comments and
values that run over several lines (arrays, multi-line strings), so text inside them is never
taken for a key. Keys inside an inline table share the line of the key that holds the table; a
lookup that finds no exact entry falls back to the nearest enclosing table, so every problem gets
a line, the closest one we know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PathPart = str | int
Path = tuple[PathPart, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"((?:[^"\\]|\\.)*)"')
_LITERAL = re.compile(r"'([^']*)'")


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """A dotted key starting at ``pos``: its parts and the position after it, or None."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        for pattern in (_BARE, _BASIC, _LITERAL):
            m = pattern.match(text, pos)
            if m:
                parts.append(m.group(1) if m.groups() else m.group(0))
                pos = m.end()
                break
        else:
            return None
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


class KeyLines:
    """Line numbers (1-based) of the tables and keys of one TOML text."""

    def __init__(self, text: str):
        self._lines: dict[Path, int] = {}
        self.last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        self._scan(text.splitlines())

    def exact(self, path: Sequence[PathPart]) -> int | None:
        return self._lines.get(tuple(path))

    def line_of(self, path: Sequence[PathPart]) -> int:
        """The line of ``path``; else of its first recorded child; else of its nearest parent; else 1."""
        path = tuple(path)
        found = self._lines.get(path)
        if found is not None:
            return found
        children = [
            n for p, n in self._lines.items() if p[: len(path)] == path and len(p) > len(path)
        ]
        if children:
            return min(children)
        for cut in range(len(path) - 1, 0, -1):
            found = self._lines.get(path[:cut])
            if found is not None:
                return found
        return 1

    def _note(self, path: Path, lineno: int) -> None:
        self._lines.setdefault(path, lineno)

    def _scan(self, lines: list[str]) -> None:
        table: Path = ()
        array_counts: dict[Path, int] = {}
        depth = 0  # brackets/braces of a value still open from an earlier line
        open_string: str | None = None  # '"""' or "'''" of a multi-line string still open
        for lineno, line in enumerate(lines, 1):
            pos = 0
            if open_string is not None:
                end = line.find(open_string)
                if end < 0:
                    continue
                pos = end + 3
                open_string = None
                depth, open_string = _scan_value(line, pos, depth)
                continue
            if depth > 0:
                depth, open_string = _scan_value(line, 0, depth)
                continue
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            if stripped.startswith("[["):
                key = _parse_key(line, indent + 2)
                if key is not None:
                    base = tuple(key[0])
                    index = array_counts.get(base, 0)
                    array_counts[base] = index + 1
                    table = (*base, index)
                    self._note(base, lineno)
                    self._note(table, lineno)
                continue
            if stripped.startswith("["):
                key = _parse_key(line, indent + 1)
                if key is not None:
                    table = tuple(key[0])
                    self._note(table, lineno)
                continue
            key = _parse_key(line, indent)
            if key is None:
                continue
            parts, after = key
            if after < len(line) and line[after] == "=":
                full = (*table, *parts)
                for cut in range(len(table) + 1, len(full) + 1):
                    self._note(full[:cut], lineno)
                depth, open_string = _scan_value(line, after + 1, 0)


def _scan_value(line: str, pos: int, depth: int) -> tuple[int, str | None]:
    """Follow a value from ``pos`` to the end of the line: bracket depth and any open ML string."""
    n = len(line)
    while pos < n:
        ch = line[pos]
        if ch == "#":
            break
        if ch in "\"'":
            triple = ch * 3
            if line.startswith(triple, pos):
                end = line.find(triple, pos + 3)
                if end < 0:
                    return depth, triple
                pos = end + 3
                continue
            pos += 1
            while pos < n and line[pos] != ch:
                pos += 2 if (ch == '"' and line[pos] == "\\") else 1
            pos += 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        pos += 1
    return depth, None
