"""The YAML form of a catalog: `{"profiles": [...]}` with each profile as rules.profile.profile_to_dict writes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from rules.catalog.dict_form import DictReader
from rules.catalog.result import CatalogParse
from rules.errors import CatalogProblem
from rules.errors import text as msg
from rules.profile import Profile, profile_to_dict

# libyaml's loader and emitter when PyYAML was built with it (same safe types, about ten times faster).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _CatalogDumper(_SafeDumper):  # type: ignore[misc,valid-type]
    """yaml.safe_dump's dumper with two quoting choices that keep texts texts in every YAML reader."""


def _represent_text(dumper: yaml.BaseDumper, text: str) -> yaml.ScalarNode:
    style = None
    if any(char in text for char in _UNUSUAL_BREAKS):
        # PyYAML writes these plain and reads them back as spaces, which would change the profile.
        style = '"'
    elif text.isdigit():
        # "009" is text to PyYAML but the number 9 to YAML 1.2 readers.
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_UNUSUAL_BREAKS = "\x85\u2028\u2029"
_CatalogDumper.add_representer(str, _represent_text)


def profiles_to_yaml(profiles: Sequence[Profile]) -> str:
    """The profiles as a YAML document; `profiles_from_yaml` reads it back to equal profiles."""
    written = []
    for profile in profiles:
        data = profile_to_dict(profile)
        if profile.source:
            data["source"] = dict(profile.source)
        written.append(data)
    return yaml.dump(
        {"profiles": written}, Dumper=_CatalogDumper, allow_unicode=True, sort_keys=False, width=100
    )


def profiles_from_yaml(text: str) -> CatalogParse:
    """The profiles of a YAML catalog (a `profiles` list, or one profile mapping), with a problem per bad field."""
    try:
        data, lines = _load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        return CatalogParse(
            (),
            (
                CatalogProblem.of(
                    line, "", msg("not valid YAML: %(error)s", error=str(error.problem or error))
                ),
            ),
        )
    except (yaml.YAMLError, RecursionError) as error:
        return CatalogParse(
            (), (CatalogProblem.of(0, "", msg("not valid YAML: %(error)s", error=str(error))),)
        )
    if isinstance(data, Mapping) and "profiles" in data:
        extra = [key for key in data if key != "profiles"]
        if extra:
            problem = CatalogProblem.of(
                _line(lines, str(extra[0])),
                str(extra[0]),
                msg("found %(found)s; accepted: the key profiles", found=repr(extra[0])),
            )
            return CatalogParse((), (problem,))
        items = data["profiles"]
        if not isinstance(items, list):
            problem = CatalogProblem.of(
                _line(lines, "profiles"), "profiles", msg("found no list; accepted: a list of profiles")
            )
            return CatalogParse((), (problem,))
        entries = [(f"profiles[{index}]", item) for index, item in enumerate(items)]
    elif isinstance(data, Mapping) and "identification" in data:
        entries = [("", data)]
    else:
        problem = CatalogProblem.of(
            1 if text.strip() else 0,
            "",
            msg("found no profiles; accepted: a mapping with a profiles list, or one profile mapping"),
        )
        return CatalogParse((), (problem,))
    return _read_entries(entries, lines)


def _read_entries(entries: list[tuple[str, Any]], lines: dict[str, int]) -> CatalogParse:
    read: list[tuple[str, str | None, Profile | None]] = []
    problems: list[CatalogProblem] = []
    for path, item in entries:
        reader = DictReader()
        profile = reader.profile(item, path)
        code = _code_of(item)
        problems.extend(
            CatalogProblem.of(_line(lines, where), where, message, code) for where, message in reader.problems
        )
        read.append((path, code, profile))
    seen: dict[str, list[str]] = {}
    for path, code, _ in read:
        if code is not None:
            seen.setdefault(code, []).append(path)
    profiles: list[Profile] = []
    for path, code, profile in read:
        paths = seen.get(code, []) if code is not None else []
        if len(paths) > 1:
            where = f"{path}.identification.code" if path else "identification.code"
            problems.append(
                CatalogProblem.of(
                    _line(lines, where),
                    where,
                    msg(
                        "code %(code)s appears %(count)s times in this catalog (%(paths)s)",
                        code=str(code),
                        count=len(paths),
                        paths=", ".join(paths),
                    ),
                    code,
                )
            )
        elif profile is not None:
            profiles.append(profile)
    problems.sort(key=lambda problem: problem.line)
    return CatalogParse(tuple(profiles), tuple(problems))


def _load(text: str) -> tuple[Any, dict[str, int]]:
    """The document's data and the line (1-based) where each path starts, from one pass of the safe loader."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if node is not None:
        _map_lines(node, "", lines)
    return data, lines


def _map_lines(root: yaml.Node, root_path: str, lines: dict[str, int]) -> None:
    # Iterative, and each node walked once: aliases cannot make the walk grow beyond the document's size.
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, root_path)]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = f"{path}.{key.value}" if path else str(key.value)
                    lines.setdefault(child, key.start_mark.line + 1)
                    stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, f"{path}[{index}]"))


def _line(lines: dict[str, int], path: str) -> int:
    """The line of `path`, or of its nearest ancestor the document has (0 when none)."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return lines.get("", 0)


def _code_of(item: object) -> str | None:
    if isinstance(item, Mapping):
        identification = item.get("identification")
        if isinstance(identification, Mapping):
            code = identification.get("code")
            if isinstance(code, str) and code.strip():
                return code
    return None
