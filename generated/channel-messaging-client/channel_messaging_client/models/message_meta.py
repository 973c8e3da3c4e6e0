from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        _extra_information = d.pop("extraInformation", UNSET)
        extra_information: MessageMetaExtraInformation | Unset
        if isinstance(_extra_information, Unset):
            extra_information = UNSET
        else:
            extra_information = MessageMetaExtraInformation.from_dict(_extra_information)

        message_meta = cls(
            extra_information=extra_information,
        )

        return message_meta
