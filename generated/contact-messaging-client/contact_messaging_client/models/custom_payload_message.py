from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.custom_payload_message_payload import CustomPayloadMessagePayload


T = TypeVar("T", bound="CustomPayloadMessage")


@_attrs_define
class CustomPayloadMessage:
    """Only on Telegram, Facebook, Viber and Line channels, and only with an explicit channelId.

    Attributes:
        type_ (Literal['custom_payload']):
        payload (CustomPayloadMessagePayload): Passed to the channel as is.
    """

    type_: Literal["custom_payload"]
    payload: CustomPayloadMessagePayload

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "payload": payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_payload_message_payload import CustomPayloadMessagePayload  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["custom_payload"], d.pop("type"))
        if type_ != "custom_payload":
            raise ValueError(f"type must match const 'custom_payload', got '{type_}'")

        payload = CustomPayloadMessagePayload.from_dict(d.pop("payload"))

        custom_payload_message = cls(
            type_=type_,
            payload=payload,
        )

        return custom_payload_message
