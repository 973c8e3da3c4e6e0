from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.gif_content import GifContent


T = TypeVar("T", bound="GifBody")


@_attrs_define
class GifBody:
    """
    Attributes:
        type_ (Literal['gif']):
        gif (GifContent):
    """

    type_: Literal["gif"]
    gif: GifContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        gif = self.gif.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "gif": gif,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gif_content import GifContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['gif']")
            type_ = cast(Literal["gif"], _value)
            if type_ != "gif":
                raise ValueError(f"type must match const 'gif', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("gif")
            check_json(_value, "dict[str, Any]")
            gif = GifContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("gif", error) from None

        instance_ = cls(
            type_=type_,
            gif=gif,
        )

        return instance_
