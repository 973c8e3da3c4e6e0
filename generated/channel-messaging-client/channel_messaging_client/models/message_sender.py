from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connector import Connector


T = TypeVar("T", bound="MessageSender")


@_attrs_define
class MessageSender:
    """
    Attributes:
        connector (Connector | Unset):
    """

    connector: Connector | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connector: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connector, Unset):
            connector = self.connector.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if connector is not UNSET:
            field_dict["connector"] = connector

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connector import Connector  # noqa: PLC0415

        d = dict(src_dict)
        _connector = d.pop("connector", UNSET)
        connector: Connector | Unset
        if isinstance(_connector, Unset):
            connector = UNSET
        else:
            connector = Connector.from_dict(_connector)

        message_sender = cls(
            connector=connector,
        )

        message_sender.additional_properties = d
        return message_sender

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
