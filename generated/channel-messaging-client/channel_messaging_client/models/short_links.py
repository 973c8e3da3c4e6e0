from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShortLinks")


@_attrs_define
class ShortLinks:
    """SMS link shortening options. When using templates, use the template level shortLinks instead.

    Attributes:
        domain (str):
        enabled (bool | Unset):
    """

    domain: str
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domain": domain,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("domain")
            check_json(_value, "str")
            domain = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("domain", error) from None

        try:
            _value = d.pop("enabled", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "bool")
            enabled = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("enabled", error) from None

        instance_ = cls(
            domain=domain,
            enabled=enabled,
        )

        return instance_
