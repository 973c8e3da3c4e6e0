"""The generator ignores `discriminator` and tries union variants in order: each variant of the
specs' message unions must still parse into its own model (the specs pin `type` with `const`)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from aelyst_contract._specs import SpecName, load_spec
from tests.generated_clients._spec_operations import PACKAGES, validate_against_schema

_URL = "https://media.aelyst.ai/a.png"

# One valid value per variant, keyed by (api, union schema, discriminator value).
VARIANTS: dict[tuple[SpecName, str, str], dict[str, Any]] = {
    ("contact", "MessageContent", "text"): {"type": "text", "text": "hi"},
    ("contact", "MessageContent", "attachment"): {
        "type": "attachment",
        "attachment": {"type": "image", "url": _URL},
    },
    ("contact", "MessageContent", "custom_payload"): {
        "type": "custom_payload",
        "payload": {"text": "raw"},
    },
    ("contact", "MessageContent", "quick_reply"): {
        "type": "quick_reply",
        "title": "Ok?",
        "replies": ["Yes"],
    },
    ("contact", "MessageContent", "email"): {"type": "email", "text": "<p>hi</p>"},
    ("contact", "MessageContent", "whatsapp_template"): {
        "type": "whatsapp_template",
        "template": {"name": "order", "languageCode": "en_US"},
    },
    ("channel", "MessageBody", "text"): {"type": "text", "text": {"text": "hi"}},
    ("channel", "MessageBody", "html"): {"type": "html", "html": {"html": "<b>hi</b>"}},
    ("channel", "MessageBody", "image"): {
        "type": "image",
        "image": {"images": [{"mediaUrl": _URL}]},
    },
    ("channel", "MessageBody", "file"): {
        "type": "file",
        "file": {"files": [{"mediaUrl": _URL, "contentType": "image/png"}]},
    },
    ("channel", "MessageBody", "gif"): {"type": "gif", "gif": {"mediaUrl": _URL}},
    ("channel", "MessageBody", "location"): {
        "type": "location",
        "location": {"coordinates": {"latitude": 3.1, "longitude": 101.7}},
    },
    ("channel", "MessageBody", "carousel"): {
        "type": "carousel",
        "carousel": {"items": [{"title": "Card"}]},
    },
    ("channel", "MessageBody", "list"): {"type": "list", "list": {"items": [{"title": "Row"}]}},
    ("channel", "MessageBody", "section"): {
        "type": "section",
        "section": {"sections": [{"items": [{"title": "Row"}]}]},
    },
    ("channel", "MessageBody", "authentication"): {
        "type": "authentication",
        "authentication": {"code": "123456"},
    },
}

# Where each union is embedded, to parse it through a generated model: (model, field, wrapper).
CONTAINERS: dict[tuple[SpecName, str], tuple[str, str, dict[str, Any]]] = {
    ("contact", "MessageContent"): ("SendMessageRequest", "message", {}),
    ("channel", "MessageBody"): (
        "SendChannelMessageRequest",
        "body",
        {"receiver": {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+1"}]}},
    ),
}


def _mappings() -> dict[tuple[SpecName, str, str], str]:
    found = {}
    for api, union in CONTAINERS:
        mapping = load_spec(api)["components"]["schemas"][union]["discriminator"]["mapping"]
        for value, ref in mapping.items():
            found[(api, union, value)] = ref.rsplit("/", 1)[-1]
    return found


MAPPINGS = _mappings()


def test_every_variant_of_every_union_has_a_case() -> None:
    assert VARIANTS.keys() == MAPPINGS.keys()


@pytest.mark.parametrize("key", sorted(MAPPINGS), ids=lambda key: f"{key[0]}:{key[2]}")
def test_variant_parses_into_its_own_model(key: tuple[SpecName, str, str]) -> None:
    api, union, _ = key
    value = VARIANTS[key]
    expected_model = MAPPINGS[key]
    validate_against_schema(api, expected_model, value)
    container, field, wrapper = CONTAINERS[(api, union)]
    models = importlib.import_module(f"{PACKAGES[api]}.models")
    payload = {**wrapper, field: value}
    parsed = getattr(models, container).from_dict(payload)
    assert type(getattr(parsed, field)).__name__ == expected_model
    assert parsed.to_dict() == payload
