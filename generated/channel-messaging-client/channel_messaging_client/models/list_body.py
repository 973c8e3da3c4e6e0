from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["list"], d.pop("type"))
        if type_ != "list":
            raise ValueError(f"type must match const 'list', got '{type_}'")

        list_ = ListContent.from_dict(d.pop("list"))

        list_body = cls(
            type_=type_,
            list_=list_,
        )

        return list_body
