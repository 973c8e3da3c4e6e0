from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_item import ListItem


T = TypeVar("T", bound="ListContent")


@_attrs_define
class ListContent:
    """
    Attributes:
        items (list[ListItem]):
        title (str | Unset):
        text (str | Unset):
    """

    items: list[ListItem]
    title: str | Unset = UNSET
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        title = self.title

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_item import ListItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ListItem.from_dict(items_item_data)

            items.append(items_item)

        title = d.pop("title", UNSET)

        text = d.pop("text", UNSET)

        list_content = cls(
            items=items,
            title=title,
            text=text,
        )

        return list_content
