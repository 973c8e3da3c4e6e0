from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="Connector")


@_attrs_define
class Connector:
    """
    Attributes:
        id (UUID):
        identifier_value (str | Unset):
    """

    id: UUID
    identifier_value: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        identifier_value = self.identifier_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if identifier_value is not UNSET:
            field_dict["identifierValue"] = identifier_value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("id")
            check_json(_value, "str")
            id = UUID(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("id", error) from None

        try:
            _value = d.pop("identifierValue", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            identifier_value = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("identifierValue", error) from None

        instance_ = cls(
            id=id,
            identifier_value=identifier_value,
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
