"""Strategies for the leaves of a schema: any JSON, integers, numbers and strings (with formats).

Each draws its edges explicitly (integer bounds beside the range, any Unicode text) so they are
reached in a handful of examples.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import jsonschema_rs
from hypothesis import strategies as st

from aelyst_contract.schema_strategies._model import INT32_RANGE, INT64_RANGE, JsonValue
from aelyst_contract.schema_strategies._validate import format_checker

__all__ = ["FORMATS", "any_json", "integers", "numbers", "strings"]

# Generated strings stay short: long values cost time and find nothing more here.
_MAX_EXTRA_LENGTH = 24


def any_json() -> st.SearchStrategy[JsonValue]:
    """Any JSON value (what the schema `true` or `{}` allows), small."""
    scalars = st.none() | st.booleans() | st.integers() | _text(0, 12) | _finite_floats()
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(_text(0, 8), children, max_size=3)
        ),
        max_leaves=6,
    )


def _finite_floats() -> st.SearchStrategy[float]:
    # JSON has no NaN or infinity (json.dumps would fail on them, or write invalid JSON).
    return st.floats(allow_nan=False, allow_infinity=False)


def _text(low: int, high: int) -> st.SearchStrategy[str]:
    # Any Unicode scalar value (no lone surrogates: they cannot be encoded as UTF-8 JSON).
    return st.text(st.characters(exclude_categories=["Cs"]), min_size=low, max_size=high)


def _integer_bounds(schema: dict[str, Any]) -> tuple[int, int]:
    low, high = INT32_RANGE if schema.get("format") == "int32" else INT64_RANGE
    if "minimum" in schema:
        low = max(low, int(schema["minimum"]))
    if "exclusiveMinimum" in schema:
        low = max(low, int(schema["exclusiveMinimum"]) + 1)
    if "maximum" in schema:
        high = min(high, int(schema["maximum"]))
    if "exclusiveMaximum" in schema:
        high = min(high, int(schema["exclusiveMaximum"]) - 1)
    return low, high


def integers(schema: dict[str, Any]) -> st.SearchStrategy[int]:
    """Integers of an integer schema (its bounds, and its int32/int64 format's)."""
    low, high = _integer_bounds(schema)
    edges = sorted({v for v in (low, low + 1, high - 1, high, 0, 1, -1) if low <= v <= high})
    # The bounds are drawn beside the range so the edges are reached in a handful of examples.
    return st.sampled_from(edges) | st.integers(low, high)


def numbers(schema: dict[str, Any]) -> st.SearchStrategy[float | int]:
    """Finite numbers of a number schema, its bounds and 0 drawn beside the range."""
    low = schema.get("minimum")
    high = schema.get("maximum")
    floats = st.floats(
        min_value=low,
        max_value=high,
        allow_nan=False,
        allow_infinity=False,
        exclude_min="exclusiveMinimum" in schema and low is None,
        exclude_max="exclusiveMaximum" in schema and high is None,
    )
    edges = [v for v in (low, high, 0) if v is not None]
    edges = [v for v in edges if (low is None or v >= low) and (high is None or v <= high)]
    return (st.sampled_from(edges) | floats) if edges else floats


def _uri() -> st.SearchStrategy[str]:
    hosts = st.from_regex(r"[a-z]([a-z0-9\-]{0,8}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True)
    paths = st.lists(
        st.text(
            string.ascii_letters + string.digits + "-._~%!$&'()*+,;=:@", min_size=1, max_size=8
        ),
        max_size=3,
    ).map(lambda parts: "".join("/" + p.replace("%", "%25") for p in parts))
    queries = st.one_of(st.just(""), st.from_regex(r"\?[a-z]{1,5}=[a-z0-9]{0,5}", fullmatch=True))
    return st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}{path}{query}",
        st.sampled_from(["https", "http"]),
        hosts,
        paths,
        queries,
    )


def _email() -> st.SearchStrategy[str]:
    local = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.+_\-]{0,15}", fullmatch=True)
    domain = st.from_regex(r"[a-z]([a-z0-9\-]{0,8}[a-z0-9])?\.[a-z]{2,6}", fullmatch=True)
    return st.builds(lambda a, b: f"{a}@{b}", local, domain)


def _date_time() -> st.SearchStrategy[str]:
    offsets = st.sampled_from([0, 330, -480, 60]).map(
        lambda m: dt.timezone(dt.timedelta(minutes=m))
    )
    moments = st.datetimes(
        min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=offsets
    )

    def spelled(moment: dt.datetime, fraction: bool) -> str:
        text = moment.isoformat(timespec="microseconds" if fraction else "seconds")
        return text.replace("+00:00", "Z")

    return st.builds(spelled, moments, st.booleans())


# Our generators for the formats the specs use (also given to the fallback generator).
FORMATS: dict[str, st.SearchStrategy[str]] = {
    "uuid": st.uuids().map(str),
    "uri": _uri(),
    "email": _email(),
    "date-time": _date_time(),
}


def strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    """Strings of a string schema: from its `pattern`, else its `format`, else any short text."""
    low = int(schema.get("minLength", 0))
    high = min(int(schema.get("maxLength", low + _MAX_EXTRA_LENGTH)), low + _MAX_EXTRA_LENGTH)
    fmt = schema.get("format")
    pattern = schema.get("pattern")
    base: st.SearchStrategy[str]
    if isinstance(pattern, str):
        base = st.from_regex(pattern, fullmatch=True)
    elif fmt in FORMATS:
        base = FORMATS[fmt]
    else:
        return _text(low, high)
    # Both validators must agree on each string: jsonschema-rs reads `pattern` as ECMA-262 (as
    # JSON Schema requires) and checks formats more strictly than Python's jsonschema does.
    leaf: dict[str, Any] = {
        k: schema[k] for k in ("pattern", "format", "minLength", "maxLength") if k in schema
    }
    strict = jsonschema_rs.validator_for({"type": "string", **leaf}, validate_formats=True)
    checker = format_checker()
    limit = int(schema.get("maxLength", 10**9))
    return base.filter(
        lambda s: (
            low <= len(s) <= limit
            and (fmt is None or checker.conforms(s, fmt))
            and strict.is_valid(s)
        )
    )
