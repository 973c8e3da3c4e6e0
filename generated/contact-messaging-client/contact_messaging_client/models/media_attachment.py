from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.media_attachment_type import MediaAttachmentType

T = TypeVar("T", bound="MediaAttachment")


@_attrs_define
class MediaAttachment:
    """
    Attributes:
        type_ (MediaAttachmentType):
        url (str):
    """

    type_: MediaAttachmentType
    url: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = MediaAttachmentType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("url")
            check_json(_value, "str")
            url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("url", error) from None

        instance_ = cls(
            type_=type_,
            url=url,
        )

        return instance_
