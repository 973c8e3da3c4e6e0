from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_error_details import ChannelErrorDetails


T = TypeVar("T", bound="ChannelError")


@_attrs_define
class ChannelError:
    """
    Attributes:
        code (str): A stable, machine-readable error code such as NotFound or InvalidPayload.
        message (str):
        details (ChannelErrorDetails | Unset): For validation errors, the messages of each offending field.
    """

    code: str
    message: str
    details: ChannelErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_error_details import ChannelErrorDetails  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("code")
            check_json(_value, "str")
            code = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("code", error) from None

        try:
            _value = d.pop("message")
            check_json(_value, "str")
            message = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("message", error) from None

        try:
            _value = d.pop("details", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _details = _value
            details: ChannelErrorDetails | Unset
            if isinstance(_details, Unset):
                details = UNSET
            else:
                details = ChannelErrorDetails.from_dict(_details)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("details", error) from None

        instance_ = cls(
            code=code,
            message=message,
            details=details,
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
