from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("items")
            check_json(_value, "list[dict[str, Any]]")
            items = []
            _items = _value
            for items_item_data_index, items_item_data in enumerate(_items):
                try:
                    items_item = ListItem.from_dict(items_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(items_item_data_index, error) from None
                items.append(items_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("items", error) from None

        try:
            _value = d.pop("title", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            title = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("title", error) from None

        try:
            _value = d.pop("text", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        instance_ = cls(
            items=items,
            title=title,
            text=text,
        )

        return instance_
