from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coordinates import Coordinates


T = TypeVar("T", bound="LocationContent")


@_attrs_define
class LocationContent:
    """
    Attributes:
        coordinates (Coordinates):
        label (str | Unset):
        address (str | Unset):
    """

    coordinates: Coordinates
    label: str | Unset = UNSET
    address: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        coordinates = self.coordinates.to_dict()

        label = self.label

        address = self.address

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "coordinates": coordinates,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if address is not UNSET:
            field_dict["address"] = address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coordinates import Coordinates  # noqa: PLC0415

        d = dict(src_dict)
        coordinates = Coordinates.from_dict(d.pop("coordinates"))

        label = d.pop("label", UNSET)

        address = d.pop("address", UNSET)

        location_content = cls(
            coordinates=coordinates,
            label=label,
            address=address,
        )

        return location_content
