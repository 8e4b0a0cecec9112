"""Who owns each API in a fleet report: the config's ``teams`` globs, else the owner extension
in the spec's ``info``, else the repository's CODEOWNERS file; otherwise the API is unowned.

The settings are read and checked once per run (globs compiled, CODEOWNERS parsed), so that
finding an API's owner is a few matches, never a file read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from apilint.fleet.model import Ownership
from apilint.lint.config import CONFIG_SCHEMA
from apilint.lint.discover import work_tree_root

#: The JSON Schema of the config's ``report`` section (the config validates it with the rest).
REPORT_CONFIG_SCHEMA: dict[str, Any] = CONFIG_SCHEMA["properties"]["report"]

DEFAULT_EXTENSION = "x-owner"

#: Where GitHub looks for the file, relative to the repository root; the first found is used.
CODEOWNERS_LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")

#: GitHub does not read a larger CODEOWNERS file.
CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024

_TOKEN = re.compile(r"(?:\\.|\S)+")
_USER_OR_TEAM = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9_-]*)(?:/[A-Za-z0-9._-]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class CodeOwnersRule:
    """One line of a CODEOWNERS file: its pattern, as a regular expression over paths relative
    to the repository root, and its owners (none: the line un-owns what it matches)."""

    line: int
    pattern: str
    regex: re.Pattern[str]
    owners: tuple[str, ...]


@dataclass(frozen=True)
class CodeOwners:
    """A CODEOWNERS file read as GitHub reads it: the last matching line gives the owners.
    ``problems`` names the lines GitHub skips (a syntax it does not support, a bad owner)."""

    path: Path
    root: Path  # the folder the patterns are relative to
    rules: tuple[CodeOwnersRule, ...]
    problems: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: Path, root: Path | None = None) -> CodeOwners:
        """Read and parse ``path``; ``root`` defaults to the git work tree it is in, else its
        folder (the folder above for ``.github/`` and ``docs/``).
        Raises ``ValueError`` (one line naming the file) when it cannot be read."""
        try:
            if path.stat().st_size > CODEOWNERS_MAX_BYTES:
                raise ValueError(f"{path}: over GitHub's 3 MB limit for a CODEOWNERS file")
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise ValueError(f"{path}: cannot read the CODEOWNERS file: {error.strerror}") from None
        except UnicodeDecodeError:
            raise ValueError(f"{path}: the CODEOWNERS file is not UTF-8 text") from None
        return cls.parse(text, path, root or codeowners_root(path))

    @classmethod
    def parse(cls, text: str, path: Path, root: Path) -> CodeOwners:
        """The rules of a CODEOWNERS text; a line GitHub would skip becomes a problem."""
        rules: list[CodeOwnersRule] = []
        problems: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            tokens = _TOKEN.findall(line)
            if not tokens or tokens[0].startswith("#"):
                continue
            rule = _rule(number, tokens)
            if isinstance(rule, str):
                problems.append(f"{path}:{number}: {rule}; GitHub skips this line")
            else:
                rules.append(rule)
        return cls(path=path, root=root, rules=tuple(rules), problems=tuple(problems))

    def owners(self, relative_path: str) -> tuple[str, ...]:
        """The owners of a file given relative to ``root`` with ``/`` separators (none: no line
        matches it, or the last line that does has no owners)."""
        for rule in reversed(self.rules):
            if rule.regex.match(relative_path):
                return rule.owners
        return ()


def _rule(number: int, tokens: list[str]) -> CodeOwnersRule | str:
    """A CODEOWNERS line's rule, or why GitHub skips the line."""
    pattern, rest = tokens[0], tokens[1:]
    owners: list[str] = []
    for token in rest:
        if token.startswith("#"):  # an inline comment ends the line
            break
        if not (_USER_OR_TEAM.fullmatch(token) or _EMAIL.fullmatch(token)):
            return f"'{token}' is not a @user, @org/team or e-mail address"
        owners.append(token)
    regex = codeowners_regex(pattern)
    if isinstance(regex, str):
        return regex
    return CodeOwnersRule(line=number, pattern=pattern, regex=regex, owners=tuple(owners))


def codeowners_regex(pattern: str) -> re.Pattern[str] | str:
    """A CODEOWNERS pattern as a regular expression over root-relative paths, or why GitHub
    does not accept it. gitignore's rules: a ``/`` at the start or in the middle anchors the
    pattern at the root, else it matches at any depth; a trailing ``/`` matches a folder's
    contents; a name that matches a folder owns all it holds; ``*`` and ``?`` stay within a
    folder, ``**`` crosses folders. GitHub's differences: no ``!`` negation, no ``[ ]``
    ranges, no ``\\#`` escape, and ``dir/*`` matches the folder's files, not deeper ones."""
    if pattern.startswith("!"):
        return "'!' negation is not supported in CODEOWNERS"
    if pattern.startswith("\\#"):
        return "'\\#' escapes are not supported in CODEOWNERS"
    if "[" in pattern or "]" in pattern:
        return "'[ ]' character ranges are not supported in CODEOWNERS"
    folder_only = pattern.endswith("/")
    body = pattern.rstrip("/")
    anchored = "/" in body
    segments = body.lstrip("/").split("/")
    if segments == [""]:
        return f"'{pattern}' matches no file"
    regex = "" if anchored else "(?:.*/)?"
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            regex += ".*" if last else "(?:.*/)?"
        else:
            regex += _segment_regex(segment) + ("" if last else "/")
    if folder_only:
        regex += "/.*"
    elif segments[-1] != "**" and not (len(segments) > 1 and segments[-1] == "*"):
        regex += "(?:/.*)?"
    return re.compile(regex + r"\Z")


def _segment_regex(segment: str) -> str:
    """One path segment of a pattern: ``*`` any characters but ``/``, ``?`` one of them, ``\\``
    escapes the next character, anything else itself."""
    parts: list[str] = []
    escaped = False
    for char in segment:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "*":
            if not parts or parts[-1] != "[^/]*":  # ``a**b``: a plain ``*``
                parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def codeowners_root(path: Path) -> Path:
    """The folder a CODEOWNERS file's patterns are relative to: the git work tree it is in,
    else its folder, or the folder above when it is in ``.github/`` or ``docs/``."""
    folder = path.absolute().parent
    top = work_tree_root(folder)
    if top is not None:
        return top
    return folder.parent if folder.name in (".github", "docs") else folder


def find_codeowners(base: Path) -> Path | None:
    """The CODEOWNERS file GitHub would use for ``base``: at the root of the git work tree
    ``base`` is in (else at ``base``), in ``.github/``, the root, ``docs/``, first found."""
    folder = Path(os.path.abspath(base))
    root = work_tree_root(folder) or folder
    for location in CODEOWNERS_LOCATIONS:
        if (root / location).is_file():
            return root / location
    return None


@dataclass(frozen=True)
class OwnershipSettings:
    """How owners are found: the ``teams`` globs (glob -> team, in config order; a ``!glob``
    has team None and leaves the APIs it matches to the other sources), the owner extension's
    name, the CODEOWNERS file (None: not used).
    Raises ``ValueError`` naming the key or file for a bad glob or an unreadable CODEOWNERS."""

    teams: tuple[tuple[str, str | None], ...] = ()
    extension: str = DEFAULT_EXTENSION
    codeowners: Path | None = None
    #: where the settings come from, as error messages name it (the config file)
    where: str = "config"
    _globs: tuple[pathspec.PathSpec, ...] = field(init=False, repr=False, compare=False)
    _owners: CodeOwners | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_globs", tuple(self._glob(g, t) for g, t in self.teams))
        parsed = CodeOwners.read(self.codeowners) if self.codeowners is not None else None
        object.__setattr__(self, "_owners", parsed)

    def _glob(self, glob: str, team: str | None) -> pathspec.PathSpec:
        """One ``teams`` glob compiled (a ``!`` glob without its ``!``)."""
        key = f"{self.where}: report.teams: '{glob}'"
        negated = glob.startswith("!")
        if negated and team is not None:
            raise ValueError(f"{key}: a negated glob takes no team (write ~)")
        if not negated and not (isinstance(team, str) and team.strip()):
            raise ValueError(f"{key}: names no team")
        try:
            spec = pathspec.GitIgnoreSpec.from_lines([glob[1:] if negated else glob])
        except ValueError:  # pathspec's pattern errors are ValueErrors
            raise ValueError(f"{key}: not a valid glob") from None
        if not any(p.include for p in spec.patterns):
            raise ValueError(f"{key}: matches no path (empty, a comment or not a glob)")
        return spec

    @property
    def codeowners_file(self) -> CodeOwners | None:
        """The parsed CODEOWNERS file (its ``problems`` are the lines GitHub skips)."""
        return self._owners

    @classmethod
    def from_config(
        cls, raw: Mapping[str, Any] | None, base: Path, *, where: str = "config"
    ) -> OwnershipSettings:
        """The settings of a config's ``report`` section (None: no section): ``teams``,
        ``owner-extension``, ``codeowners`` (a path relative to ``base``, the config's folder,
        or false; by default the one GitHub would use for ``base``)."""
        raw = raw or {}
        teams = raw.get("teams") or {}
        if not isinstance(teams, Mapping):
            raise ValueError(f"{where}: report.teams: a mapping of globs to team names")
        extension = raw.get("owner-extension", DEFAULT_EXTENSION)
        if not isinstance(extension, str) or not extension:
            raise ValueError(f"{where}: report.owner-extension: an extension name (x-...)")
        configured = raw.get("codeowners", True)
        if configured is False:
            codeowners = None
        elif configured is True:
            codeowners = find_codeowners(base)
        elif isinstance(configured, str) and configured:
            codeowners = base / configured
            if not codeowners.is_file():
                raise ValueError(f"{where}: report.codeowners: not a file: {codeowners}")
        else:
            raise ValueError(f"{where}: report.codeowners: a file path, or false")
        return cls(
            teams=tuple((str(glob), team) for glob, team in teams.items()),
            extension=extension,
            codeowners=codeowners,
            where=where,
        )

    def config_team(self, relative_path: str) -> str | None:
        """The team of the first ``teams`` glob that matches a path relative to the report's
        root; None when none matches, or the first that does is a ``!`` glob."""
        for (_, team), spec in zip(self.teams, self._globs, strict=True):
            if spec.match_file(relative_path):
                return team
        return None


def extension_owner(value: object) -> str | None:
    """The team an owner extension's value names: a non-empty string, or an object's ``team``
    member, else its ``name`` member (a non-empty string); None otherwise."""
    if isinstance(value, Mapping):
        value = next((value[k] for k in ("team", "name") if _named(value.get(k))), None)
    return value.strip() if _named(value) else None


def _named(value: object) -> bool:
    """Whether a value names someone: a string with more than blanks."""
    return isinstance(value, str) and bool(value.strip())


def owner_of(
    spec: Path, info_owner: str | None, settings: OwnershipSettings, root: Path
) -> Ownership:
    """Who owns the API in ``spec``: the first ``teams`` glob (relative to ``root``) that
    matches, else ``info_owner`` (the owner extension's team, see :func:`extension_owner`),
    else the CODEOWNERS owners joined by ``", "``; else unowned (team and source None)."""
    where = Path(os.path.abspath(spec))
    relative = _relative(where, root)
    if relative is not None:
        team = settings.config_team(relative)
        if team is not None:
            return Ownership(team=team, source="config")
    if info_owner is not None and info_owner.strip():
        return Ownership(team=info_owner.strip(), source="spec")
    codeowners = settings.codeowners_file
    if codeowners is not None:
        inside = _relative(where, codeowners.root)
        owners = codeowners.owners(inside) if inside is not None else ()
        if owners:
            return Ownership(team=", ".join(owners), source="codeowners")
    return Ownership(team=None, source=None)


def _relative(path: Path, folder: Path) -> str | None:
    """``path`` (absolute) relative to ``folder`` with ``/`` separators; None outside it."""
    try:
        return path.relative_to(os.path.abspath(folder)).as_posix()
    except ValueError:
        return None
