from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="MediaFile")


@_attrs_define
class MediaFile:
    """
    Attributes:
        media_url (str):
        content_type (str):
        filename (str | Unset):
    """

    media_url: str
    content_type: str
    filename: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        media_url = self.media_url

        content_type = self.content_type

        filename = self.filename

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mediaUrl": media_url,
                "contentType": content_type,
            }
        )
        if filename is not UNSET:
            field_dict["filename"] = filename

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("mediaUrl")
            check_json(_value, "str")
            media_url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("mediaUrl", error) from None

        try:
            _value = d.pop("contentType")
            check_json(_value, "str")
            content_type = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("contentType", error) from None

        try:
            _value = d.pop("filename", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            filename = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("filename", error) from None

        instance_ = cls(
            media_url=media_url,
            content_type=content_type,
            filename=filename,
        )

        return instance_
