from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.custom_payload_message_payload import CustomPayloadMessagePayload


T = TypeVar("T", bound="CustomPayloadMessage")


@_attrs_define
class CustomPayloadMessage:
    """Only on Telegram, Facebook, Viber and Line channels, and only with an explicit channelId.

    Attributes:
        type_ (Literal['custom_payload']):
        payload (CustomPayloadMessagePayload): Passed to the channel as is. The whole request body is nested at most 64
            levels (the
            body object is level 1, each object or array inside adds one; this object is level 3,
            so it may hold 61 more): accepted and read back unchanged; deeper bodies are refused
            with 400 (rule `contact:custom-payload-depth`).
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['custom_payload']")
            type_ = cast(Literal["custom_payload"], _value)
            if type_ != "custom_payload":
                raise ValueError(f"type must match const 'custom_payload', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("payload")
            check_json(_value, "dict[str, Any]")
            payload = CustomPayloadMessagePayload.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("payload", error) from None

        instance_ = cls(
            type_=type_,
            payload=payload,
        )

        return instance_
