"""SARIF 2.1.0 logs (code-scanning uploads, editors) and where a JSON pointer sits in a YAML file.

Shared by every command that reports findings in a spec: build a `SarifLog`, add rules and results
pointing at spec lines (`YamlLocator.line_of`), then `write` it. Only the parts of SARIF those
reports need: one run, a tool driver with rules, results with a level, a message and a location.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import yaml

from aelyst_contract.openapi import parse_pointer

__all__ = [
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "Level",
    "SarifLog",
    "YamlLocator",
    "artifact_uri",
    "package_version",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

Level = Literal["error", "warning", "note", "none"]


def artifact_uri(path: Path, root: Path | None) -> str:
    """`path` relative to `root` (a repository checkout) when inside it, as code scanning wants;
    otherwise an absolute file URI."""
    resolved = path.resolve()
    if root is not None:
        try:
            return resolved.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return resolved.as_uri()


def package_version() -> str:
    """The installed aelyst-contract's version (a SARIF tool driver's version)."""
    try:
        return metadata.version("aelyst-contract")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare source tree
        return "0"


class YamlLocator:
    """Line numbers (1-based) of JSON pointers in YAML files, each file parsed once."""

    def __init__(self) -> None:
        self._roots: dict[Path, yaml.Node | None] = {}

    def _root(self, path: Path) -> yaml.Node | None:
        key = path.resolve()
        if key not in self._roots:
            with key.open(encoding="utf-8") as handle:
                # The node tree keeps each node's position; safe_load would drop it.
                self._roots[key] = yaml.compose(handle, Loader=yaml.SafeLoader)
        return self._roots[key]

    def line_of(
        self, path: Path, pointer: str, *, follow_refs: bool = False, nearest: bool = False
    ) -> int | None:
        """The line where the pointer's last token is written (a mapping key's line, a list
        item's line); None when the pointer leads nowhere.

        `follow_refs`: a token missing beside a local `$ref` is looked up in the `$ref`'s target
        (for pointers into the dereferenced document). `nearest`: where the pointer leads nowhere,
        the line of the last node it reached instead of None."""
        root = self._root(path)
        if root is None:
            return None
        node, line = root, root.start_mark.line
        try:
            tokens = parse_pointer(pointer)
        except ValueError:
            return None
        for token in tokens:
            found = _child(node, token)
            hops = 0
            while found is None and follow_refs and hops < _MAX_REF_HOPS:
                target = _ref_target(root, node)
                if target is None:
                    break
                node, hops = target, hops + 1
                found = _child(node, token)
            if found is None:
                return line + 1 if nearest else None
            line, node = found
        return line + 1


_MAX_REF_HOPS = 20


def _child(node: yaml.Node, token: str) -> tuple[int, yaml.Node] | None:
    """(line of the token, the node under it) one step down, or None."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == token:
                return key.start_mark.line, value
    elif isinstance(node, yaml.SequenceNode) and token.isdigit():
        index = int(token)
        if index < len(node.value):
            item = node.value[index]
            return item.start_mark.line, item
    return None


def _ref_target(root: yaml.Node, node: yaml.Node) -> yaml.Node | None:
    """The node a mapping's local `$ref` names, or None."""
    found = _child(node, "$ref")
    if found is None or not isinstance(found[1], yaml.ScalarNode):
        return None
    ref = str(found[1].value)
    if not ref.startswith("#"):
        return None
    try:
        tokens = parse_pointer(ref)
    except ValueError:
        return None
    target: yaml.Node = root
    for token in tokens:
        step = _child(target, token)
        if step is None:
            return None
        target = step[1]
    return target


@dataclass
class SarifLog:
    """One SARIF run of one tool. Rules are declared once each; results name them by id."""

    tool_name: str
    tool_version: str
    information_uri: str = ""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    results: list[dict[str, Any]] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)

    def add_rule(self, rule_id: str, description: str, help_text: str = "") -> None:
        if rule_id in self.rules:
            return
        rule: dict[str, Any] = {"id": rule_id, "shortDescription": {"text": description}}
        if help_text:
            rule["help"] = {"text": help_text}
        self.rules[rule_id] = rule

    def add_result(
        self,
        rule_id: str,
        message: str,
        *,
        level: Level = "error",
        uri: str | None = None,
        line: int | None = None,
        properties: dict[str, Any] | None = None,
    ) -> None:
        """A finding of a declared rule, at a file (and line) when given."""
        if rule_id not in self.rules:
            raise ValueError(f"SARIF result of an undeclared rule {rule_id!r}")
        result: dict[str, Any] = {
            "ruleId": rule_id,
            "ruleIndex": list(self.rules).index(rule_id),
            "level": level,
            "message": {"text": message},
        }
        if uri is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if line is not None:
                physical["region"] = {"startLine": line}
            result["locations"] = [{"physicalLocation": physical}]
        if properties:
            result["properties"] = properties
        self.results.append(result)

    def to_dict(self) -> dict[str, Any]:
        driver: dict[str, Any] = {
            "name": self.tool_name,
            "version": self.tool_version,
            "rules": list(self.rules.values()),
        }
        if self.information_uri:
            driver["informationUri"] = self.information_uri
        run: dict[str, Any] = {"tool": {"driver": driver}, "results": self.results}
        if self.properties:
            run["properties"] = self.properties
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
