"""Malformed documents never crash the rules: wrong types compare as absent, bad refs are errors."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aelyst_contract.specdiff import (
    DiffReport,
    RefError,
    diff_specs,
    load_file,
    render_text,
    report_json,
)

BASE = load_file(Path(__file__).parent / "corpus" / "identical" / "old.yaml").document
JUNK: list[Any] = [None, 1, "x", [], {}, [1], {"a": 1}, True, 2.5, {"$ref": "#/components"}]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in children:
        yield from _paths(child, (*path, key))


def _mutated(rng: random.Random) -> dict[str, Any]:
    spec = copy.deepcopy(BASE)
    targets = list(_paths(BASE))[1:]
    for _ in range(rng.randint(1, 3)):
        *parents, last = rng.choice(targets)
        node: Any = spec
        try:
            for key in parents:
                node = node[key]
            node[last] = copy.deepcopy(rng.choice(JUNK))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the way there
    return spec


def test_random_wrong_types_are_compared_without_crashing() -> None:
    rng = random.Random(20261123)  # fixed: a failure is reproducible
    compared = 0
    for _ in range(150):
        mutated = _mutated(rng)
        for old, new in ((BASE, mutated), (mutated, BASE)):
            try:
                findings = diff_specs(old, new)
            except RefError:
                continue  # e.g. a `$ref` replaced by junk: reported as one line by the CLI
            report = DiffReport("old", "new", {}, {}, findings)
            assert render_text(report)
            assert report_json(report)["summary"]["changes"] == len(findings)
            compared += 1
    assert compared > 200
