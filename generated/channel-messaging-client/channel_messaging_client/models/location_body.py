from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.location_content import LocationContent


T = TypeVar("T", bound="LocationBody")


@_attrs_define
class LocationBody:
    """
    Attributes:
        type_ (Literal['location']):
        location (LocationContent):
    """

    type_: Literal["location"]
    location: LocationContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        location = self.location.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "location": location,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location_content import LocationContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["location"], d.pop("type"))
        if type_ != "location":
            raise ValueError(f"type must match const 'location', got '{type_}'")

        location = LocationContent.from_dict(d.pop("location"))

        location_body = cls(
            type_=type_,
            location=location,
        )

        return location_body
