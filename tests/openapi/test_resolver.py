"""aelyst_contract.openapi Resolver: chains, sibling overrides, and refs that cannot be followed."""

from __future__ import annotations

from typing import Any

import pytest

from aelyst_contract.openapi import RefError, Resolver

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/B", "description": "from A"},
            "B": {"$ref": "#/components/schemas/C", "description": "from B", "title": "B"},
            "C": {"type": "string", "description": "from C", "title": "C"},
            "a/b~c": {"type": "integer"},
            "Loop": {"$ref": "#/components/schemas/Loop2"},
            "Loop2": {"$ref": "#/components/schemas/Loop"},
            "Dangling": {"$ref": "#/components/schemas/Nowhere"},
            "External": {"$ref": "other.yaml#/components/schemas/X"},
            "ToExternal": {"$ref": "#/components/schemas/External"},
        },
        "parameters": [{"name": "first"}, {"name": "second"}],
    }
}
SCHEMAS = "/components/schemas"


def test_a_chain_resolves_to_the_last_definition_and_its_pointer() -> None:
    node, where = Resolver(DOCUMENT).resolve({"$ref": f"#{SCHEMAS}/A"}, "/here")
    assert node is DOCUMENT["components"]["schemas"]["C"]
    assert where == f"{SCHEMAS}/C"


def test_a_node_without_ref_comes_back_with_its_own_pointer() -> None:
    node = {"type": "object"}
    assert Resolver(DOCUMENT).resolve(node, "/here") == (node, "/here")
    assert Resolver(DOCUMENT).resolved(None) is None


def test_escaped_tokens_and_list_indices_in_refs() -> None:
    resolver = Resolver(DOCUMENT)
    assert resolver.resolved({"$ref": f"#{SCHEMAS}/a~1b~0c"}) == {"type": "integer"}
    assert resolver.lookup("#/components/parameters/1") == {"name": "second"}
    assert resolver.lookup("#") is DOCUMENT


def test_siblings_override_the_target_outermost_first_when_asked() -> None:
    ref = {"$ref": f"#{SCHEMAS}/A", "description": "outer"}
    merged = Resolver(DOCUMENT, siblings_override=True).resolved(ref)
    assert merged == {"type": "string", "description": "outer", "title": "B"}
    assert DOCUMENT["components"]["schemas"]["C"]["description"] == "from C"  # not mutated
    assert Resolver(DOCUMENT).resolved(ref) is DOCUMENT["components"]["schemas"]["C"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Loop", "cycle"),
        ("Dangling", "dangling"),
        ("External", "only local"),
        ("ToExternal", "only local"),
    ],
)
def test_strict_mode_raises_for_refs_it_cannot_follow(name: str, message: str) -> None:
    with pytest.raises(RefError, match=message):
        Resolver(DOCUMENT).resolve({"$ref": f"#{SCHEMAS}/{name}"}, "")


def test_lenient_mode_stops_at_the_node_holding_the_bad_ref() -> None:
    resolver = Resolver(DOCUMENT, strict=False)
    schemas = DOCUMENT["components"]["schemas"]
    assert resolver.resolve({"$ref": f"#{SCHEMAS}/ToExternal"}, "") == (
        schemas["External"],
        f"{SCHEMAS}/External",
    )
    dangling = {"$ref": f"#{SCHEMAS}/Nowhere"}
    assert resolver.resolve(dangling, "/here") == (dangling, "/here")
    remote = {"$ref": "https://example.com/schema.json"}
    assert resolver.resolved(remote) is remote
    # The cycle Loop -> Loop2 -> Loop stops where it would come round again.
    assert resolver.resolve({"$ref": f"#{SCHEMAS}/Loop"}, "") == (
        schemas["Loop2"],
        f"{SCHEMAS}/Loop2",
    )


def test_lenient_mode_follows_every_ref_it_can() -> None:
    """What the spec check's rules read with: every ref it can follow, the rest left as they are."""
    resolver = Resolver(DOCUMENT, strict=False)
    assert resolver.resolved({"$ref": f"#{SCHEMAS}/A"}) is DOCUMENT["components"]["schemas"]["C"]
    assert resolver.resolved({"$ref": f"#{SCHEMAS}/a~1b~0c"}) == {"type": "integer"}
    node = {"type": "object"}
    assert resolver.resolved(node) is node
    assert resolver.resolved(None) is None


def test_lookup_raises_whatever_the_mode() -> None:
    with pytest.raises(RefError, match="dangling"):
        Resolver(DOCUMENT, strict=False).lookup(f"#{SCHEMAS}/Nowhere")
    with pytest.raises(RefError, match="unsupported"):
        Resolver(DOCUMENT, strict=False).lookup("#components")


def test_dereference_names_the_pointer_a_chain_ends_on() -> None:
    resolver = Resolver(DOCUMENT)
    assert resolver.dereference(f"{SCHEMAS}/A") == f"{SCHEMAS}/C"
    assert resolver.dereference(f"{SCHEMAS}/C") == f"{SCHEMAS}/C"
    with pytest.raises(KeyError):
        resolver.dereference(f"{SCHEMAS}/Nowhere")


# ---------------------------------------------------------------------------- external documents

FILES: dict[str, dict[str, Any]] = {
    "common.yaml": {
        "Pet": {"$ref": "#/Animal", "description": "a pet"},
        "Animal": {"type": "object", "properties": {"tag": {"$ref": "tags/tag.yaml#/Tag"}}},
    },
    "tags/tag.yaml": {"Tag": {"$ref": "#/Plain"}, "Plain": {"type": "string"}},
}


def _loader(loaded: list[str]) -> Any:
    def load(file: str) -> dict[str, Any]:
        loaded.append(file)
        if file not in FILES:
            raise RefError(f"no such file {file}")
        return FILES[file]

    return load


def test_an_external_ref_is_read_through_the_loader_relative_to_its_file() -> None:
    loaded: list[str] = []
    resolver = Resolver({"x": 1}, loader=_loader(loaded))
    node, where = resolver.resolve({"$ref": "common.yaml#/Pet"}, "/here")
    assert node == FILES["common.yaml"]["Animal"]
    assert where == "common.yaml#/Animal"
    # A `$ref` inside an external file is relative to that file, local ones stay in it.
    tag, tag_where = resolver.resolve(node["properties"]["tag"], f"{where}/properties/tag")
    assert tag == {"type": "string"}
    assert tag_where == "tags/tag.yaml#/Plain"
    resolver.resolve({"$ref": "common.yaml#/Animal"})
    assert loaded == ["common.yaml", "tags/tag.yaml"]  # each file read once


def test_an_external_ref_without_a_loader_is_still_refused() -> None:
    with pytest.raises(RefError, match="only local"):
        Resolver({}).resolve({"$ref": "common.yaml#/Pet"})


def test_external_refs_that_cannot_be_followed_raise_ref_error() -> None:
    resolver = Resolver({}, loader=_loader([]))
    with pytest.raises(RefError, match=r"no such file missing\.yaml"):
        resolver.resolve({"$ref": "missing.yaml#/X"})
    with pytest.raises(RefError, match="dangling"):
        resolver.resolve({"$ref": "common.yaml#/Nowhere"})
    with pytest.raises(RefError, match="leaves"):
        resolver.resolve({"$ref": "../outside.yaml#/X"})
    with pytest.raises(RefError, match="relative file"):
        resolver.resolve({"$ref": "https://example.com/x.yaml#/X"})
    lenient = Resolver({}, strict=False, loader=_loader([]))
    ref = {"$ref": "missing.yaml#/X"}
    assert lenient.resolve(ref, "/a") == (ref, "/a")
