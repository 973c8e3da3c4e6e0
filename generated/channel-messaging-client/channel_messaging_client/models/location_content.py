from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("coordinates")
            check_json(_value, "dict[str, Any]")
            coordinates = Coordinates.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("coordinates", error) from None

        try:
            _value = d.pop("label", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            label = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("label", error) from None

        try:
            _value = d.pop("address", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            address = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("address", error) from None

        instance_ = cls(
            coordinates=coordinates,
            label=label,
            address=address,
        )

        return instance_
