from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessagePart")


@_attrs_define
class MessagePart:
    """
    Attributes:
        platform_reference (str | Unset):
    """

    platform_reference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        platform_reference = self.platform_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if platform_reference is not UNSET:
            field_dict["platformReference"] = platform_reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("platformReference", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            platform_reference = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("platformReference", error) from None

        instance_ = cls(
            platform_reference=platform_reference,
        )

        instance_.additional_properties = d
        return instance_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
