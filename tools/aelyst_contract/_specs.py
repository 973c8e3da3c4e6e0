"""Where the curated specs live and how tools read them (never the emulator: ARCHITECTURE.md)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from aelyst_contract._resources import DATA_DIR
from aelyst_contract.openapi import RefError, Resolver, join_pointer, parse_pointer

__all__ = [
    "CHANNEL_SPEC_PATH",
    "CONTACT_SPEC_PATH",
    "MAX_SPEC_BYTES",
    "MAX_SPEC_NESTING",
    "MAX_SPEC_VALUES",
    "SPEC_DIR",
    "SPEC_PATHS",
    "SpecInputError",
    "SpecName",
    "check_refs",
    "decode_spec_bytes",
    "load_spec",
    "load_yaml",
    "parse_spec_text",
    "pointer_position",
    "read_spec_text",
]

SPEC_DIR = DATA_DIR / "spec"
CONTACT_SPEC_PATH = SPEC_DIR / "contact-messaging.yaml"
CHANNEL_SPEC_PATH = SPEC_DIR / "channel-messaging.yaml"

SpecName = Literal["contact", "channel"]
SPEC_PATHS: dict[SpecName, Path] = {"contact": CONTACT_SPEC_PATH, "channel": CHANNEL_SPEC_PATH}


# Limits on what a spec may be, so a hostile or broken file is one clear error rather than a
# RecursionError deep inside a validator or minutes of expanding YAML aliases. The curated specs
# are ~30 KB, ~15 levels deep and ~5,000 values; the largest public specs are a few tens of MB.
MAX_SPEC_BYTES = 64 * 1024 * 1024
MAX_SPEC_NESTING = 64
MAX_SPEC_VALUES = 2_000_000
# The YAML event scanner: libyaml's when installed (~20x faster), else PyYAML's own.
_EventLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpecInputError(ValueError):
    """A spec that cannot be used at all (unreadable, not YAML, not a mapping, a `$ref` that
    leads nowhere...): one line naming the file and the place (line:column, JSON pointer)."""

    def __init__(
        self,
        message: str,
        *,
        label: str = "",
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.label = label
        self.line = line
        self.column = column
        self.pointer = pointer

    def __str__(self) -> str:
        place = self.label
        if self.line is not None:
            place += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        at = f" (at {self.pointer})" if self.pointer else ""
        return f"{place}: {self.message}{at}" if place else f"{self.message}{at}"

    def located(self, label: str, text: str | None) -> SpecInputError:
        """This error naming the file `label`, with the line:column of its pointer in `text`
        (the file's YAML) when it has a pointer and no line yet."""
        line, column = self.line, self.column
        if line is None and self.pointer is not None and text is not None:
            line, column = pointer_position(text, self.pointer) or (None, None)
        return SpecInputError(
            self.message, label=label, line=line, column=column, pointer=self.pointer
        )


def read_spec_text(path: Path) -> str:
    """The text of a spec file; SpecInputError (naming the file) when there is none to read."""
    label = str(path)
    if path.is_dir():
        raise SpecInputError("is a directory, not a spec file", label=label)
    if not path.exists():
        raise SpecInputError("no such spec file", label=label)
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise SpecInputError(
                f"too large for a spec ({size:,} bytes; the limit is {MAX_SPEC_BYTES:,})",
                label=label,
            )
        data = path.read_bytes()
    except OSError as error:
        raise SpecInputError(f"cannot read: {error.strerror or error}", label=label) from error
    return decode_spec_bytes(data, label)


def decode_spec_bytes(data: bytes, label: str) -> str:
    """UTF-8 text (a leading byte-order mark dropped); SpecInputError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        bad = data[error.start]
        raise SpecInputError(
            f"not UTF-8 text (byte 0x{bad:02x}); save the file as UTF-8",
            label=label,
            line=line,
            column=column,
        ) from None


def parse_spec_text(text: str, label: str) -> dict[str, Any]:
    """A spec document from its YAML (or JSON) text; SpecInputError naming `label` and the line
    when it is not YAML, not a mapping, nested too deeply or expands too far through aliases."""
    _check_shape(text, label)
    try:
        document = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as error:  # _check_shape parsed it already; the constructor may not
        raise _yaml_error(error, label) from None
    if document is None:
        raise SpecInputError(
            "expected a mapping at the top level, got an empty document", label=label
        )
    if not isinstance(document, dict):
        raise SpecInputError(
            f"expected a mapping at the top level, got {type(document).__name__}",
            label=label,
            line=1,
            column=1,
        )
    return document


def _yaml_error(error: yaml.YAMLError, label: str) -> SpecInputError:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot parse"
        if error.context and error.problem and error.context_mark is not None:
            context_at = f"{error.context_mark.line + 1}:{error.context_mark.column + 1}"
            problem = f"{problem} ({error.context} at {context_at})"
        if mark is not None:
            return SpecInputError(
                f"not YAML or JSON: {problem}",
                label=label,
                line=mark.line + 1,
                column=mark.column + 1,
            )
        return SpecInputError(f"not YAML or JSON: {problem}", label=label)
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return SpecInputError(f"not YAML or JSON: {first_line}", label=label)


def _check_shape(text: str, label: str) -> None:
    """Scan the YAML events (no recursion, no objects built): syntax errors with their line,
    nesting deeper than MAX_SPEC_NESTING, an alias inside the collection it names, and more
    than MAX_SPEC_VALUES values once aliases are expanded (the "billion laughs")."""
    depth = 0
    open_anchors: list[str | None] = []
    counts: list[int] = [0]  # values inside each open collection (index 0: the documents)
    anchored: dict[str, int] = {}  # anchor -> values its node expands to
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            mark = event.start_mark
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_SPEC_NESTING:
                    raise _marked(label, mark, f"nested more than {MAX_SPEC_NESTING} levels deep")
                open_anchors.append(event.anchor)
                counts.append(1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                anchor, total = open_anchors.pop(), counts.pop()
                if anchor is not None:
                    anchored[anchor] = total
                counts[-1] += total
            elif isinstance(event, yaml.ScalarEvent):
                counts[-1] += 1
                if event.anchor is not None:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    message = f"the alias *{event.anchor} refers to a collection that contains it"
                    raise _marked(label, mark, message)
                counts[-1] += anchored.get(event.anchor or "", 1)
            if sum(counts) > MAX_SPEC_VALUES:
                raise _marked(
                    label, mark, f"expands to more than {MAX_SPEC_VALUES:,} values (YAML aliases?)"
                )
    except yaml.YAMLError as yaml_error:
        raise _yaml_error(yaml_error, label) from None


def _marked(label: str, mark: Any, message: str) -> SpecInputError:
    return SpecInputError(message, label=label, line=mark.line + 1, column=mark.column + 1)


def load_yaml(path: Path) -> dict[str, Any]:
    """Read and parse one spec file; SpecInputError (a ValueError) naming the file and the place
    when it cannot be used."""
    return parse_spec_text(read_spec_text(path), str(path))


def pointer_position(text: str, pointer: str) -> tuple[int, int] | None:
    """(line, column), 1-based, where the node a JSON pointer names is written in YAML `text`:
    a mapping key's position, a list item's. The nearest existing ancestor's when the pointer
    goes further than the document; None when the text is not YAML."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        tokens = parse_pointer(pointer)
    except (yaml.YAMLError, ValueError):
        return None
    if node is None:
        return None
    mark = node.start_mark
    for token in tokens:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == token:
                    mark, node = key.start_mark, value
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and token.isdigit():
            if int(token) >= len(node.value):
                break
            node = node.value[int(token)]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


# Keywords whose values are data (examples, defaults, enums) or extensions: a `$ref` key in them
# is a value, not a reference.
_DATA_KEYWORDS = frozenset({"example", "default", "const", "enum"})
# Keywords whose values map names to objects: their keys are names, never keywords.
_NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
        "paths",
        "webhooks",
        "schemas",
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "variables",
    }
)
_EXAMPLE_OBJECT_KEYS = frozenset({"summary", "description", "value", "externalValue"})


def _references(document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(pointer, node) of every node holding a `$ref` string, outside example and default data."""
    stack: list[tuple[str, Any, bool]] = [("", document, False)]
    while stack:
        pointer, node, keys_are_names = stack.pop()
        if isinstance(node, Mapping):
            if not keys_are_names and isinstance(node.get("$ref"), str):
                yield pointer, node
            example_object = not keys_are_names and set(node) <= _EXAMPLE_OBJECT_KEYS
            for raw_key, value in node.items():
                key = str(raw_key)
                if not keys_are_names and (
                    key in _DATA_KEYWORDS
                    or key.startswith("x-")
                    or (key == "value" and example_object)
                    or (key == "examples" and isinstance(value, list))
                ):
                    continue
                names = not keys_are_names and key in _NAME_MAPS
                stack.append((join_pointer(pointer, key), value, names))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                stack.append((join_pointer(pointer, index), item, False))


def check_refs(
    document: Mapping[str, Any], *, loader: Callable[[str], Mapping[str, Any]] | None = None
) -> None:
    """Every `$ref` of the document leads somewhere in it (or, with a `loader`, in the external
    file it names); SpecInputError (with the pointer of the first that does not, in document
    order) otherwise."""
    resolver = Resolver(document, loader=loader)
    broken: list[tuple[str, str]] = []
    for pointer, node in _references(document):
        try:
            resolver.resolve(node, pointer)
        except RefError as error:
            broken.append((pointer, str(error)))
    if broken:
        pointer, message = min(broken, key=lambda item: _document_order(document, item[0]))
        more = f"; {len(broken) - 1} more broken $ref(s)" if len(broken) > 1 else ""
        raise SpecInputError(message + more, pointer=join_pointer(pointer, "$ref"))


def _document_order(document: Mapping[str, Any], pointer: str) -> list[int]:
    """Sort key: the pointer's position in the document (key and item indexes along the way)."""
    order: list[int] = []
    node: Any = document
    for token in parse_pointer(pointer):
        if isinstance(node, Mapping):
            keys = [str(key) for key in node]
            order.append(keys.index(token) if token in keys else len(keys))
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit():
            order.append(int(token))
            node = node[int(token)] if int(token) < len(node) else None
    return order


@functools.cache
def _load_cached(path: Path) -> dict[str, Any]:
    return load_yaml(path)


def load_spec(name: SpecName) -> dict[str, Any]:
    """The curated spec as a dict. Cached: callers must not mutate it (copy.deepcopy first)."""
    return _load_cached(SPEC_PATHS[name])
