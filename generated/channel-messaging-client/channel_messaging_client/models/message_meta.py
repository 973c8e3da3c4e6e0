from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_meta_extra_information import MessageMetaExtraInformation


T = TypeVar("T", bound="MessageMeta")


@_attrs_define
class MessageMeta:
    """
    Attributes:
        extra_information (MessageMetaExtraInformation | Unset):
    """

    extra_information: MessageMetaExtraInformation | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        extra_information: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_information, Unset):
            extra_information = self.extra_information.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if extra_information is not UNSET:
            field_dict["extraInformation"] = extra_information

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_meta_extra_information import MessageMetaExtraInformation  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("extraInformation", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _extra_information = _value
            extra_information: MessageMetaExtraInformation | Unset
            if isinstance(_extra_information, Unset):
                extra_information = UNSET
            else:
                extra_information = MessageMetaExtraInformation.from_dict(_extra_information)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("extraInformation", error) from None

        instance_ = cls(
            extra_information=extra_information,
        )

        return instance_
