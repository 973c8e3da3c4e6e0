from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="MediaImage")


@_attrs_define
class MediaImage:
    """
    Attributes:
        media_url (str):
        alt_text (str | Unset):
    """

    media_url: str
    alt_text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        media_url = self.media_url

        alt_text = self.alt_text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mediaUrl": media_url,
            }
        )
        if alt_text is not UNSET:
            field_dict["altText"] = alt_text

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
            _value = d.pop("altText", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            alt_text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("altText", error) from None

        instance_ = cls(
            media_url=media_url,
            alt_text=alt_text,
        )

        return instance_
