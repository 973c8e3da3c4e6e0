from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.carousel_content import CarouselContent


T = TypeVar("T", bound="CarouselBody")


@_attrs_define
class CarouselBody:
    """
    Attributes:
        type_ (Literal['carousel']):
        carousel (CarouselContent):
    """

    type_: Literal["carousel"]
    carousel: CarouselContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        carousel = self.carousel.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "carousel": carousel,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.carousel_content import CarouselContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['carousel']")
            type_ = cast(Literal["carousel"], _value)
            if type_ != "carousel":
                raise ValueError(f"type must match const 'carousel', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("carousel")
            check_json(_value, "dict[str, Any]")
            carousel = CarouselContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("carousel", error) from None

        instance_ = cls(
            type_=type_,
            carousel=carousel,
        )

        return instance_
