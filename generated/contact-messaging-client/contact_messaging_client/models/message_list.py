from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.message import Message
    from ..models.pagination import Pagination


T = TypeVar("T", bound="MessageList")


@_attrs_define
class MessageList:
    """
    Attributes:
        items (list[Message]):
        pagination (Pagination):
    """

    items: list[Message]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message import Message  # noqa: PLC0415
        from ..models.pagination import Pagination  # noqa: PLC0415

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
                    items_item = Message.from_dict(items_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(items_item_data_index, error) from None
                items.append(items_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("items", error) from None

        try:
            _value = d.pop("pagination")
            check_json(_value, "dict[str, Any]")
            pagination = Pagination.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("pagination", error) from None

        instance_ = cls(
            items=items,
            pagination=pagination,
        )

        instance_.additional_properties = d
        return instance_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
