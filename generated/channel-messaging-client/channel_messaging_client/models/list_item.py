from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListItem")


@_attrs_define
class ListItem:
    """
    Attributes:
        title (str):
        description (str | Unset):
        media_url (str | Unset):
    """

    title: str
    description: str | Unset = UNSET
    media_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        media_url = self.media_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if media_url is not UNSET:
            field_dict["mediaUrl"] = media_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        description = d.pop("description", UNSET)

        media_url = d.pop("mediaUrl", UNSET)

        list_item = cls(
            title=title,
            description=description,
            media_url=media_url,
        )

        return list_item
