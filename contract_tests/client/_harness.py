"""What the client contract suite reads from the specs, and how it drives a generated client.

Everything here is derived from the specs at run time (operations, statuses, parameters, bodies,
headers), so a spec change changes the tests with no edit. The client package is always passed in
(a module), so the same checks run against the real generated clients and against a deliberately
broken copy (`test_broken_client.py`).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import os
import re
import string
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from aelyst_contract import openapi
from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.openapi import SpecRoutes
from aelyst_contract.schema_strategies import JsonValue, OptionalMode, SpecSchemas

APIS: tuple[SpecName, ...] = ("contact", "channel")
PACKAGE_NAMES: dict[SpecName, str] = {
    "contact": "contact_messaging_client",
    "channel": "channel_messaging_client",
}
# The Authorization form each API documents (the shared decisions in the briefs; the specs say it
# in prose, so it is written here once rather than derived).
AUTH_PREFIXES: dict[SpecName, str] = {"contact": "Bearer", "channel": "AccessKey"}
CREDENTIALS: dict[SpecName, str] = {"contact": "contact-token-xyz", "channel": "channel-key-xyz"}

# ---- profiles -----------------------------------------------------------------------------------

PROFILE_ENV = "AELYST_PROFILE"
PROFILES = ("quick", "deep")


def profile() -> str:
    """The active profile: `--aelyst-profile` (conftest sets the env var) or AELYST_PROFILE."""
    chosen = os.environ.get(PROFILE_ENV, "quick").strip().lower() or "quick"
    if chosen not in PROFILES:
        raise ValueError(f"{PROFILE_ENV} must be one of {PROFILES}, got {chosen!r}")
    return chosen


def suite_settings(quick: int, deep: int, *, shrink: bool = True) -> settings:
    """Hypothesis settings for one property: `quick` examples (deterministic) or `deep` (random).

    The quick profile is derandomized, so CI runs the same examples every time; the deep profile
    draws fresh ones. A failure always prints the falsifying example and a reproduction blob.
    `shrink=False` for properties over whole documents whose failures are readable as drawn and
    whose shrinking took minutes.
    """
    common: dict[str, Any] = {
        "deadline": None,
        "database": None,
        "print_blob": True,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    }
    if not shrink:
        common["phases"] = [
            Phase.explicit,
            Phase.reuse,
            Phase.generate,
            Phase.target,
            Phase.explain,
        ]
    if profile() == "deep":
        return settings(max_examples=deep, derandomize=False, **common)
    return settings(max_examples=quick, derandomize=True, **common)


# ---- the specs ----------------------------------------------------------------------------------


# One operation of one spec; `str(op)` is `api:operationId`.
Operation = openapi.Operation[SpecName]


@functools.cache
def schemas(api: SpecName) -> SpecSchemas:
    return SpecSchemas(load_spec(api))


@functools.cache
def routes(api: SpecName) -> SpecRoutes:
    return SpecRoutes(load_spec(api))


def server_url(api: SpecName) -> str:
    return str(load_spec(api)["servers"][0]["url"])


@functools.cache
def operations(api: SpecName) -> tuple[Operation, ...]:
    """The operations of a spec that have an operationId (the generated client names them by it)."""
    return tuple(op for op in openapi.operations(load_spec(api), api) if op.operation_id)


def all_operations() -> list[Operation]:
    return [op for api in APIS for op in operations(api)]


def response_pairs() -> list[tuple[Operation, str]]:
    """Every (operation, documented status) of both specs."""
    return [(op, status) for op in all_operations() for status in op.statuses]


def json_media_type(op: Operation, status: str) -> str | None:
    """The JSON media type a response declares, None when it has no body."""
    spec = schemas(op.api)
    content = spec.resolve_pointer(spec.response_pointer(op.operation_id, status)).get("content")
    if not content:
        return None
    return next((m for m in content if m == "application/json" or m.endswith("+json")), None)


def response_strategy(
    op: Operation,
    status: str,
    *,
    pins: dict[str, int] | None = None,
    optional: str = "draw",
) -> st.SearchStrategy[tuple[Any, dict[str, str]]]:
    """(body, headers) valid for the response: body None when the response has no content."""
    spec = schemas(op.api)
    media_type = json_media_type(op, status)
    bodies: st.SearchStrategy[JsonValue] = st.none()
    if media_type is not None:
        pointer = spec.response_body_pointer(op.operation_id, status, media_type)
        bodies = spec.strategy(pointer, pins=pins, optional=_optional_mode(optional))
    return st.tuples(bodies, spec.response_headers(op.operation_id, status))


def _optional_mode(mode: str) -> OptionalMode:
    if mode == "all":
        return "all"
    if mode == "none":
        return "none"
    return "draw"


# ---- the generated client ----------------------------------------------------------------------


def snake(name: str) -> str:
    """openapi-python-client's module/argument spelling of a camelCase name."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).replace("-", "_").lower()


def package(api: SpecName) -> ModuleType:
    return importlib.import_module(PACKAGE_NAMES[api])


def endpoint(client_package: ModuleType, op: Operation) -> ModuleType:
    """The generated endpoint module: <package>.api.<tag>.<operationId in snake_case>."""
    return importlib.import_module(
        f"{client_package.__name__}.api.{snake(op.tag)}.{snake(op.operation_id)}"
    )


def make_client(client_package: ModuleType, api: SpecName, transport: httpx.BaseTransport) -> Any:
    """A client as users make it (`extras.connect`), over the given transport."""
    extras = importlib.import_module(f"{client_package.__name__}.extras")
    return extras.connect(server_url(api), CREDENTIALS[api], transport=transport)


@dataclass(frozen=True)
class CallArgs:
    """Valid arguments of one call, as JSON values keyed by the spec's names."""

    path: dict[str, JsonValue]
    query: dict[str, JsonValue]
    body: JsonValue | None


def _normalized(name: str) -> str:
    return name.replace("_", "").lower()


def call(client_package: ModuleType, op: Operation, client: Any, args: CallArgs) -> Any:
    """Call the generated `sync_detailed` with `args`, converted to its Python argument types."""
    function: Callable[..., Any] = endpoint(client_package, op).sync_detailed
    hints = typing.get_type_hints(function)
    parameters = {_normalized(p): p for p in inspect.signature(function).parameters}
    kwargs: dict[str, Any] = {"client": client}
    for name, value in {**args.path, **args.query}.items():
        python_name = parameters[_normalized(name)]
        kwargs[python_name] = _as_python(value, hints.get(python_name))
    if args.body is not None:
        kwargs["body"] = _model_class(hints["body"]).from_dict(args.body)
    return function(**kwargs)


def _model_class(hint: Any) -> Any:
    candidates = [hint, *typing.get_args(hint)]
    for candidate in candidates:
        if inspect.isclass(candidate) and hasattr(candidate, "from_dict"):
            return candidate
    raise TypeError(f"no model class in {hint!r}")


def _as_python(value: JsonValue, hint: Any) -> Any:
    kinds = {hint, *typing.get_args(hint)}
    if uuid.UUID in kinds and isinstance(value, str):
        return uuid.UUID(value)
    return value


def success_model(client_package: ModuleType, op: Operation) -> type[Any]:
    """The model class the operation's 2xx response parses into."""
    module = endpoint(client_package, op)
    returned = typing.get_type_hints(module.sync)["return"]
    for candidate in typing.get_args(returned):
        if inspect.isclass(candidate) and hasattr(candidate, "from_dict"):
            name = candidate.__name__
            if "Error" not in name:
                return candidate
    raise TypeError(f"{op}: no success model in {returned!r}")


# ---- argument strategies -----------------------------------------------------------------------

# Characters that a path or query must carry percent-encoded, plus non-ASCII and astral ones.
_AWKWARD = "/?#%+&=;:,@!$'()*[] ~\\\"<>|^`{}"
_NON_ASCII = "éüßøñ中文字한국어Ωπ😀\U0001d518\u200b\u00a0"


@st.composite
def _adversarial_email(draw: st.DrawFn) -> str:
    alphabet = st.sampled_from(_AWKWARD.replace("@", "").replace(" ", "") + _NON_ASCII + "aZ09._-")
    local = draw(st.text(alphabet, min_size=1, max_size=20))
    domain = draw(st.text(alphabet, min_size=1, max_size=12))
    tld = draw(st.text(alphabet, min_size=1, max_size=6))
    return f"email:{local}@{domain}.{tld}"


def _long_identifiers() -> st.SearchStrategy[str]:
    # As long as the schema allows (maxLength 320): every character still has to survive.
    return st.builds(
        lambda pad, tail: f"email:{pad}@{tail}.co"[:320],
        st.text(st.sampled_from(string.ascii_letters + "/%?#+é"), min_size=280, max_size=305),
        st.text(st.sampled_from("x/%"), min_size=1, max_size=5),
    )


ADVERSARIAL_IDENTIFIERS = (
    "email:a/b?c#d%e@x.co",
    "email:a+b@x.co",
    "email:%2F%25@x.co",
    "email:üñï@bücher.de",
    "email:..@x.co",
    "email:a/../b@x.co",
    "email:?#@x.y",
    "phone:+60121233112",
    "phone:+999999999999999",
    "id:0",
    "id:999999999999999999",
)


def _path_strategy(op: Operation, name: str, pointer: str) -> st.SearchStrategy[JsonValue]:
    spec = schemas(op.api)
    generated = spec.strategy(pointer)
    if name != "identifier":
        return generated
    adversarial = st.one_of(
        st.sampled_from(ADVERSARIAL_IDENTIFIERS), _adversarial_email(), _long_identifiers()
    ).filter(lambda identifier: spec.is_valid(pointer, identifier))
    return st.one_of(generated, adversarial)


def args_strategy(
    op: Operation, *, body_pins: dict[str, int] | None = None, optional: str = "draw"
) -> st.SearchStrategy[CallArgs]:
    """Valid call arguments: every path parameter, each query parameter present or absent, body.

    `body_pins` / `optional` force choices of the request body (see `SpecSchemas.strategy`)."""
    return _args_strategy(op, tuple(sorted((body_pins or {}).items())), optional)


@functools.cache
def _args_strategy(
    op: Operation, body_pins: tuple[tuple[str, int], ...], optional: str
) -> st.SearchStrategy[CallArgs]:
    spec = schemas(op.api)
    path: dict[str, st.SearchStrategy[JsonValue]] = {}
    query: dict[str, st.SearchStrategy[JsonValue]] = {}
    required_query: dict[str, st.SearchStrategy[JsonValue]] = {}
    for (location, name), pointer in spec.parameter_pointers(op.operation_id).items():
        parameter = spec.resolve_pointer(pointer)
        if location == "path":
            path[name] = _path_strategy(op, name, f"{pointer}/schema")
        elif location == "query":
            target = required_query if parameter.get("required") else query
            target[name] = spec.strategy(f"{pointer}/schema")
    operation = spec.resolve_pointer(spec.operation_pointer(op.operation_id)[0])
    body: st.SearchStrategy[JsonValue | None] = st.none()
    if "requestBody" in operation:
        body = spec.strategy(
            spec.request_body_pointer(op.operation_id),
            pins=dict(body_pins),
            optional=_optional_mode(optional),
        )
    return st.builds(
        CallArgs,
        path=st.fixed_dictionaries(path),
        query=st.fixed_dictionaries(required_query, optional=query),
        body=body,
    )


# ---- comparing JSON ----------------------------------------------------------------------------

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def canonical(value: JsonValue) -> Any:
    """A form of a JSON value where equal means "the same JSON", semantically.

    Key order does not matter; a date-time is its instant and a uuid is case-insensitive (the
    client parses both into Python objects and spells them back its own way); booleans stay
    apart from numbers (Python's `True == 1` must not hide a client that turns 1 into true).
    """
    if isinstance(value, dict):
        return ("object", {key: canonical(item) for key, item in value.items()})
    if isinstance(value, list):
        return ("array", [canonical(item) for item in value])
    if isinstance(value, str):
        return _canonical_text(value)
    return (_SCALAR_TAGS.get(type(value), repr(type(value))), value)


_SCALAR_TAGS: dict[type, str] = {
    bool: "boolean",
    int: "number",
    float: "number",
    type(None): "null",
}


def _canonical_text(value: str) -> tuple[str, Any]:
    if _RFC3339.match(value):
        text = value.replace("z", "Z").replace("Z", "+00:00").replace("t", "T")
        return ("date-time", dt.datetime.fromisoformat(text))
    if _UUID.match(value):
        return ("uuid", value.lower())
    return ("string", value)
