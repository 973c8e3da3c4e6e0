from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GifContent")


@_attrs_define
class GifContent:
    """
    Attributes:
        media_url (str):
        text (str | Unset):
    """

    media_url: str
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        media_url = self.media_url

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mediaUrl": media_url,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_url = d.pop("mediaUrl")

        text = d.pop("text", UNSET)

        gif_content = cls(
            media_url=media_url,
            text=text,
        )

        return gif_content
