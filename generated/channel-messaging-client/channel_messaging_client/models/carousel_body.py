from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["carousel"], d.pop("type"))
        if type_ != "carousel":
            raise ValueError(f"type must match const 'carousel', got '{type_}'")

        carousel = CarouselContent.from_dict(d.pop("carousel"))

        carousel_body = cls(
            type_=type_,
            carousel=carousel,
        )

        return carousel_body
