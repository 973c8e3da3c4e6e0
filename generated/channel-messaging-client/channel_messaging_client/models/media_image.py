from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        media_url = d.pop("mediaUrl")

        alt_text = d.pop("altText", UNSET)

        media_image = cls(
            media_url=media_url,
            alt_text=alt_text,
        )

        return media_image
