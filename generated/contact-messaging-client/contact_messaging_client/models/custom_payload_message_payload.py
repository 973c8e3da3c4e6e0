from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField

T = TypeVar("T", bound="CustomPayloadMessagePayload")


@_attrs_define
class CustomPayloadMessagePayload:
    """Passed to the channel as is. The whole request body is nested at most 64 levels (the
    body object is level 1, each object or array inside adds one; this object is level 3,
    so it may hold 61 more): accepted and read back unchanged; deeper bodies are refused
    with 400 (rule `contact:custom-payload-depth`).

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        instance_ = cls()

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
