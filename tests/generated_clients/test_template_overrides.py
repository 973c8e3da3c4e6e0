"""Each custom template is upstream's plus a pinned change, and the change still does its job.

When openapi-python-client is upgraded, `test_upstream_template_is_the_one_we_copied` fails for
every template upstream touched: re-copy it from the new version, re-apply the change named here,
update the pin, and the behaviour tests below tell whether the override is still needed.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import re
import tomllib
from dataclasses import dataclass
from http import HTTPStatus
from importlib.resources import files
from pathlib import Path

import httpx
import pytest
import respx
from channel_messaging_client import AuthenticatedClient as ChannelClient
from contact_messaging_client import AuthenticatedClient as ContactClient
from contact_messaging_client.api.messages import get_message, send_message
from contact_messaging_client.models import Error, SendMessageRequest
from contact_messaging_client.types import Response
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from aelyst_contract._generate import CLIENTS, TEMPLATES_DIR, ClientTarget

REPO_ROOT = Path(__file__).resolve().parents[2]

GENERATOR = "openapi-python-client"


@dataclass(frozen=True)
class Override:
    upstream_issue: str
    upstream_sha256: str  # of the template as shipped by the pinned generator
    removed: tuple[str, ...]  # upstream lines the override changes or drops
    added: tuple[str, ...]  # lines the override puts instead


OVERRIDES: dict[str, Override] = {
    "endpoint_module.py.jinja": Override(
        upstream_issue="openapi-python-client#1442",
        upstream_sha256="c1b2628053eb4875ba59566baa5ae907666f9cbfafa308d93f970a4404b7cd52",
        removed=(
            "from http import HTTPStatus",
            "from ...types import Response, UNSET",
            "        status_code=HTTPStatus(response.status_code),",
            "        parsed=_parse_response(client=client, response=response),",
        ),
        added=(
            "from ...types import Response, UNSET, status_code_from_int",
            "from ...extras import InvalidField, check_json, field_error, variant_error",
            "    try:",
            "        parsed = _parse_response(client=client, response=response)",
            "    except (KeyError, TypeError, ValueError, AttributeError) as error:",
            '        raise errors.ResponseParseError.from_error("{{ endpoint.name }}", r'
            "esponse, error) from error",
            "        status_code=status_code_from_int(response.status_code),",
            "        parsed=parsed,",
        ),
    ),
    "errors.py.jinja": Override(
        upstream_issue="No upstream issue found",
        upstream_sha256="b6ba7ea79aa7d7f24b47119985d1ed20268d3da0ab70309ee138088a106b6af9",
        removed=('__all__ = ["UnexpectedStatus"]',),
        added=(
            "from .extras import ResponseParseError",
            '__all__ = ["ResponseParseError", "UnexpectedStatus"]',
        ),
    ),
    "model.py.jinja": Override(
        upstream_issue="openapi-python-client#1117",
        upstream_sha256="fd1c79680d51c06cfbb89809ad123750ba9add98b688036c04cabbf1f8ba40a0",
        removed=(
            "{% for property in model.required_properties + model.optional_properties %}",
            "        {% set property_source = 'd.pop(\"' + (property.name | in_double_quo"
            "te_literal) + '\")' %}",
            "        {% set property_source = 'd.pop(\"' + (property.name | in_double_quo"
            "te_literal) + '\", UNSET)' %}",
            "        {{ prop_template.construct(property, property_source) | indent(8) }}",
            "    {% else %}",
            "        {{ property.python_name }} = {{ property_source }}",
            "    {% endif %}",
            "{% endfor %}",
            "{% endif %}",
            "        {{ module_name }} = cls(",
            '            {{ prop_template.construct(model.additional_properties, "prop_d'
            'ict") | indent(12) }}',
            "        {{ module_name }}.additional_properties = additional_properties",
            "    {% else %}",
            "        {{ module_name }}.additional_properties = d",
            "    {% endif %}",
            "{% endif %}",
            "        return {{ module_name }}",
        ),
        added=(
            "from ..extras import InvalidField, check_json, field_error, variant_error",
            "        if not isinstance(src_dict, Mapping):",
            '            raise InvalidField(f"expected object, got {type(src_dict).__name__}")',
            "{% set all_properties = model.required_properties + model.optional_properties %}",
            '{% set tags_first = (all_properties | selectattr("template", "equalto", "co'
            'nst_property.py.jinja") | list) + (all_properties | rejectattr("template", '
            '"equalto", "const_property.py.jinja") | list) %}',
            "{% for property in tags_first %}",
            "    {% set json_name = property.name | in_double_quote_literal %}",
            "        {% set property_source = 'd.pop(\"' + json_name + '\")' %}",
            "        {% set property_source = 'd.pop(\"' + json_name + '\", UNSET)' %}",
            "    {% set json_type = (property.get_type_string(json=True) | as_unembedded"
            '_code).split(" | ") | reject("equalto", "Unset") | join(" | ") %}',
            "        try:",
            "            _value = {{ property_source }}",
            '    {% if property.template == "union_property.py.jinja" %}{# the union che'
            "cks its value itself #}",
            "    {% elif property.required %}",
            '            check_json(_value, "{{ json_type }}")',
            "    {% else %}",
            "            if not isinstance(_value, Unset):",
            '                check_json(_value, "{{ json_type }}")',
            "    {% endif %}",
            '            {{ prop_template.construct(property, "_value") | indent(12) }}',
            "    {% else %}",
            "            {{ property.python_name }} = _value",
            "    {% endif %}",
            "        except (KeyError, TypeError, ValueError, AttributeError) as error:",
            '            raise field_error("{{ json_name }}", error) from None',
            "{% endfor %}",
            "{% endif %}",
            "        instance_ = cls(",
            "            try:",
            '                check_json(prop_dict, "{{ model.additional_properties.get_t'
            'ype_string(json=True) | as_unembedded_code }}")',
            '                {{ prop_template.construct(model.additional_properties, "pr'
            'op_dict") | indent(16) }}',
            "            except (KeyError, TypeError, ValueError, AttributeError) as error:",
            "                raise field_error(prop_name, error) from None",
            "        instance_.additional_properties = additional_properties",
            "    {% elif prop_template and (model.additional_properties.get_type_string("
            'json=True) | as_unembedded_code) != "Any" %}',
            "        for prop_name, prop_dict in d.items():",
            "            try:",
            '                check_json(prop_dict, "{{ model.additional_properties.get_t'
            'ype_string(json=True) | as_unembedded_code }}")',
            "            except (KeyError, TypeError, ValueError, AttributeError) as error:",
            "                raise field_error(prop_name, error) from None",
            "        instance_.additional_properties = d",
            "    {% else %}",
            "        instance_.additional_properties = d",
            "    {% endif %}",
            "{% endif %}",
            "        return instance_",
        ),
    ),
    "property_templates/list_property.py.jinja": Override(
        upstream_issue="No upstream issue found",
        upstream_sha256="4390b5f673fdb10d1ae7f47fd2720a88dce53a4c64a6137549559566f9107a2c",
        removed=(
            "for {{ inner_source }} in (_{{ property.python_name }}):",
            "    {{ inner_template.construct(inner_property, inner_source) | indent(4) }}",
            "    for {{ inner_source }} in _{{ property.python_name }}:",
            "        {{ inner_template.construct(inner_property, inner_source) | indent(8) }}",
        ),
        added=(
            "for {{ inner_source }}_index, {{ inner_source }} in enumerate(_{{ property."
            "python_name }}):",
            "    try:",
            "        {{ inner_template.construct(inner_property, inner_source) | indent(8) }}",
            "    except (KeyError, TypeError, ValueError, AttributeError) as error:",
            "        raise field_error({{ inner_source }}_index, error) from None",
            "    for {{ inner_source }}_index, {{ inner_source }} in enumerate(_{{ prope"
            "rty.python_name }}):",
            "        try:",
            "            {{ inner_template.construct(inner_property, inner_source) | indent(12) }}",
            "        except (KeyError, TypeError, ValueError, AttributeError) as error:",
            "            raise field_error({{ inner_source }}_index, error) from None",
        ),
    ),
    "property_templates/union_property.py.jinja": Override(
        upstream_issue="No upstream issue found",
        upstream_sha256="03790f2710deaeb219c18e518ae183ad4a41eda1f78cf625d139edff7546cd26",
        removed=(
            "    {% set ns = namespace(contains_unmodified_properties = false) %}",
            "            {% set ns.contains_unmodified_properties = true %}",
            "    {% if inner_template.check_type_for_construct and (not loop.last or ns."
            "contains_unmodified_properties) %}",
            "    except (TypeError, ValueError, AttributeError, KeyError):",
            "        pass",
            "    {% else  %}{# Don't do try/except for the last one nor any properties w"
            "ith no type checking #}",
            "    {% if inner_template.check_type_for_construct %}",
            '    if not {{ inner_template.check_type_for_construct(inner_property, "data") }}:',
            "        raise TypeError()",
            '    {{ inner_template.construct(inner_property, "data") | indent(4) }}',
            "    return {{ inner_property.python_name }}",
            "    {% endif %}",
            "    {% endfor %}",
            "    {% if ns.contains_unmodified_properties %}",
            "    return cast({{ property.get_type_string() | as_unembedded_code }}, data)",
            "    {% endif %}",
        ),
        added=(
            '    check_json(data, "{{ (property.get_type_string(json=True) | as_unembedd'
            'ed_code).split(" | ") | reject("equalto", "Unset") | join(" | ") }}")',
            "    variant_errors: list[Exception] = []",
            "    {% set ns = namespace(unmodified = []) %}",
            "            {% set ns.unmodified = ns.unmodified + [inner_property.get_type"
            "_string(json=True) | as_unembedded_code] %}",
            "        {% if inner_template.check_type_for_construct %}",
            "        {% endif %}",
            "    except (TypeError, ValueError, AttributeError, KeyError) as error:",
            "        variant_errors.append(error)",
            "    {% endfor %}",
            "    {% if ns.unmodified %}",
            "    try:",
            '        check_json(data, "{{ ns.unmodified | join(" | ") }}")',
            "        return cast({{ property.get_type_string() | as_unembedded_code }}, data)",
            "    except InvalidField as error:",
            "        variant_errors.append(error)",
            "    raise variant_error(variant_errors)",
        ),
    ),
    "types.py.jinja": Override(
        upstream_issue="openapi-python-client#1442",
        upstream_sha256="93df9d75883a4eafac77dd21bc6907f3ef612e3f7841e08656618dcf6c4ce494",
        removed=(
            "    status_code: HTTPStatus",
            '__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]',
        ),
        added=(
            "from .extras import RateLimit",
            "def status_code_from_int(code: int) -> HTTPStatus | int:",
            '    """ The HTTPStatus for `code`, or the bare int when Python has none'
            ' (449 and friends) """',
            "    try:",
            "        return HTTPStatus(code)",
            "    except ValueError:",
            "        return code",
            "    status_code: HTTPStatus | int",
            "    @property",
            "    def rate_limit(self) -> RateLimit | None:",
            '        """ Retry-After and X-RateLimit-* of this response, or None when it carries'
            ' none of them """',
            "        return RateLimit.from_headers(self.headers)",
            '__all__ = ["UNSET", "File", "FileTypes", "RateLimit", "RequestFiles", "Response",'
            ' "Unset", "status_code_from_int"]',
        ),
    ),
    "client.py.jinja": Override(
        upstream_issue="No upstream issue found",
        upstream_sha256="4eac65762f21014a7fbf59e730f1be6d28c9c85ddc1c40b458b6ff5f67a64c9e",
        removed=(
            '    "token": namespace(type="str", default="", docstring="The token to use for'
            ' authentication"),',
            '    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")',
        ),
        added=(
            '    "token": namespace(type="str", default="field(repr=False)", docstring="The token'
            ' to use for authentication"),',
            '    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers",'
            " repr=False)",
        ),
    ),
    "pyproject_uv.toml.jinja": Override(
        upstream_issue="openapi-python-client#1472",
        upstream_sha256="fe450930297be4dc1e30cff73fbc734264a047dab984cb256edafc5aa1dc3033",
        removed=('requires = ["uv_build>=0.12.0,<0.13.0"]',),
        added=('requires = ["uv_build>=0.13.0,<0.14.0"]',),
    ),
}

_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def _upstream(name: str) -> str:
    return files("openapi_python_client").joinpath("templates", name).read_text(encoding="utf-8")


def _ours(name: str) -> tuple[str, str]:
    """(header comment, template body) of our override."""
    text = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
    match = _HEADER.match(text)
    assert match is not None, f"{name}: must start with a {{#- ... -#}} comment explaining it"
    return match.group(0), text[match.end() :]


def test_installed_generator_is_the_pinned_one() -> None:
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        dev = tomllib.load(handle)["dependency-groups"]["dev"]
    pins = [item.split("==", 1)[1] for item in dev if item.startswith(f"{GENERATOR}==")]
    assert pins == [importlib.metadata.version(GENERATOR)]


def test_every_custom_template_is_a_known_override() -> None:
    found = {path.relative_to(TEMPLATES_DIR).as_posix() for path in TEMPLATES_DIR.rglob("*.jinja")}
    assert found == OVERRIDES.keys()


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_upstream_template_is_the_one_we_copied(name: str) -> None:
    digest = hashlib.sha256(_upstream(name).encode("utf-8")).hexdigest()
    assert digest == OVERRIDES[name].upstream_sha256, (
        f"{GENERATOR} changed templates/{name}: re-copy it into generated/templates/, re-apply "
        "the change described in its header, and update the pin in this test"
    )


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_upstream_plus_only_the_intended_change(name: str) -> None:
    header, body = _ours(name)
    override = OVERRIDES[name]
    assert override.upstream_issue in header
    removed, added = [], []
    for line in difflib.ndiff(_upstream(name).splitlines(), body.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ ") and line[2:].strip():
            added.append(line[2:])
    assert tuple(removed) == override.removed
    assert tuple(added) == override.added


# The behaviour each override exists for, through the generated code.


def _contact_client() -> ContactClient:
    return ContactClient(base_url="https://api.aelyst.ai/v1", token="t0ken-secret")


def test_449_parses_into_the_error_model_with_its_int_status() -> None:
    body = {"code": 449, "message": "Your request is queued."}
    with respx.mock() as router:
        router.route().respond(449, json=body)
        response = send_message.sync_detailed(
            "id:1",
            client=_contact_client(),
            body=SendMessageRequest.from_dict({"message": {"type": "text", "text": "hi"}}),
        )
        parsed = get_message.sync("id:1", 2, client=_contact_client())
    assert response.status_code == 449
    assert type(response.status_code) is int
    assert isinstance(response.parsed, Error)
    assert (response.parsed.code, response.parsed.message) == (449, "Your request is queued.")
    assert isinstance(parsed, Error)


def test_known_statuses_stay_http_status_members() -> None:
    with respx.mock() as router:
        router.route().respond(404, json={"code": 404, "message": "NOT_FOUND"})
        response = get_message.sync_detailed("id:1", 2, client=_contact_client())
    assert response.status_code is HTTPStatus.NOT_FOUND


def test_response_exposes_typed_rate_limit() -> None:
    headers = httpx.Headers({"retry-after": "3", "x-ratelimit-limit": "10"})
    response: Response[None] = Response(status_code=429, content=b"", headers=headers, parsed=None)
    assert response.rate_limit is not None
    assert (response.rate_limit.retry_after, response.rate_limit.limit) == (3, 10)
    assert response.rate_limit.remaining is None


@pytest.mark.parametrize("client_class", [ContactClient, ChannelClient])
def test_client_repr_hides_the_credential(client_class: type[ContactClient]) -> None:
    client = client_class(base_url="https://example.invalid", token="t0ken-secret")
    client.get_httpx_client()  # fills the Authorization header
    text = repr(client)
    assert "t0ken-secret" not in text
    assert "base_url='https://example.invalid'" in text


def _pinned_uv_version() -> str:
    """The uv CI installs (`.ci/run`), which the README tells people to install too."""
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r'"uv==([0-9][0-9.]*)"', script)
    assert match is not None, '.ci/run must pin uv as "uv==X.Y.Z"'
    return match.group(1)


@pytest.mark.parametrize("target", CLIENTS.values(), ids=CLIENTS.keys())
def test_build_backend_range_contains_the_pinned_uv(target: ClientTarget) -> None:
    # Outside the range, every fresh `uv sync` warns while building the editable clients.
    pyproject = REPO_ROOT / "generated" / target.project_dir_name / "pyproject.toml"
    with pyproject.open("rb") as handle:
        build_system = tomllib.load(handle)["build-system"]
    (requirement,) = [Requirement(item) for item in build_system["requires"]]
    assert canonicalize_name(requirement.name) == "uv-build"
    assert build_system["build-backend"] == "uv_build"
    assert requirement.specifier.contains(_pinned_uv_version())
