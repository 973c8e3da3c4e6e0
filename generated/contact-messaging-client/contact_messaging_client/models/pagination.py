from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """
    Attributes:
        next_ (str): Absolute URL of the next page, or the empty string on the last page. Under the API's
            own base URL (same scheme, host and base path) and the same list, with `limit` and
            `cursorId` (rule `contact:paging-links`); follow it as given.
        previous (str): Absolute URL of the previous page, or the empty string on the first page. The same
            rule as `next`.
    """

    next_: str
    previous: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_ = self.next_

        previous = self.previous

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next": next_,
                "previous": previous,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("next")
            check_json(_value, "str")
            next_ = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("next", error) from None

        try:
            _value = d.pop("previous")
            check_json(_value, "str")
            previous = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("previous", error) from None

        instance_ = cls(
            next_=next_,
            previous=previous,
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
