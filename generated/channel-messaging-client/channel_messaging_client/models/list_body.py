from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.list_content import ListContent


T = TypeVar("T", bound="ListBody")


@_attrs_define
class ListBody:
    """
    Attributes:
        type_ (Literal['list']):
        list_ (ListContent):
    """

    type_: Literal["list"]
    list_: ListContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        list_ = self.list_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "list": list_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_content import ListContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['list']")
            type_ = cast(Literal["list"], _value)
            if type_ != "list":
                raise ValueError(f"type must match const 'list', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("list")
            check_json(_value, "dict[str, Any]")
            list_ = ListContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("list", error) from None

        instance_ = cls(
            type_=type_,
            list_=list_,
        )

        return instance_
