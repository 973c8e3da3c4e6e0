"""aelyst_contract._specs: where the specs live and the small helpers every spec reader shares."""

from __future__ import annotations

from aelyst_contract._specs import HTTP_METHODS, load_spec, resolve_local_refs

DOC = {
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"type": "string"},
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "a/b": {"type": "integer"},
        }
    }
}


def test_chained_refs_resolve_to_the_final_node() -> None:
    assert resolve_local_refs(DOC, {"$ref": "#/components/schemas/A"}) == {"type": "string"}


def test_escaped_pointer_tokens() -> None:
    assert resolve_local_refs(DOC, {"$ref": "#/components/schemas/a~1b"}) == {"type": "integer"}


def test_cycles_and_remote_refs_are_returned_as_they_are() -> None:
    loop = {"$ref": "#/components/schemas/Loop"}
    assert resolve_local_refs(DOC, loop) == loop
    remote = {"$ref": "https://example.com/schema.json"}
    assert resolve_local_refs(DOC, remote) is remote


def test_non_ref_nodes_pass_through() -> None:
    node = {"type": "object"}
    assert resolve_local_refs(DOC, node) is node
    assert resolve_local_refs(DOC, None) is None


def test_every_curated_operation_uses_a_known_method() -> None:
    for name in ("contact", "channel"):
        for item in load_spec(name)["paths"].values():
            methods = {key for key in item if key not in ("parameters", "summary", "description")}
            assert methods <= set(HTTP_METHODS)
