from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        media_url = d.pop("mediaUrl")

        content_type = d.pop("contentType")

        filename = d.pop("filename", UNSET)

        media_file = cls(
            media_url=media_url,
            content_type=content_type,
            filename=filename,
        )

        return media_file
