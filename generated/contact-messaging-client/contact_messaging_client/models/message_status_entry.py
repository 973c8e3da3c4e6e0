from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..models.message_status_value import MessageStatusValue
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageStatusEntry")


@_attrs_define
class MessageStatusEntry:
    """
    Attributes:
        value (MessageStatusValue):
        timestamp (int): Unix timestamp in seconds
        message (str | Unset): Reason of the failure.
    """

    value: MessageStatusValue
    timestamp: int
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value.value

        timestamp = self.timestamp

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "timestamp": timestamp,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("value")
            check_json(_value, "str")
            value = MessageStatusValue(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("value", error) from None

        try:
            _value = d.pop("timestamp")
            check_json(_value, "int")
            timestamp = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("timestamp", error) from None

        try:
            _value = d.pop("message", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            message = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("message", error) from None

        instance_ = cls(
            value=value,
            timestamp=timestamp,
            message=message,
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
