from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        type_ = MediaAttachmentType(d.pop("type"))

        url = d.pop("url")

        media_attachment = cls(
            type_=type_,
            url=url,
        )

        return media_attachment
