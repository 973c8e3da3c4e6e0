from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.carousel_card import CarouselCard


T = TypeVar("T", bound="CarouselContent")


@_attrs_define
class CarouselContent:
    """
    Attributes:
        items (list[CarouselCard]):
    """

    items: list[CarouselCard]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.carousel_card import CarouselCard  # noqa: PLC0415

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
                    items_item = CarouselCard.from_dict(items_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(items_item_data_index, error) from None
                items.append(items_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("items", error) from None

        instance_ = cls(
            items=items,
        )

        return instance_
