from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.whatsapp_template_parameter_type import WhatsappTemplateParameterType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsappTemplateParameter")


@_attrs_define
class WhatsappTemplateParameter:
    """
    Attributes:
        type_ (WhatsappTemplateParameterType):
        text (str | Unset):
        payload (str | Unset):
        url (str | Unset):
    """

    type_: WhatsappTemplateParameterType
    text: str | Unset = UNSET
    payload: str | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        text = self.text

        payload = self.payload

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text
        if payload is not UNSET:
            field_dict["payload"] = payload
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = WhatsappTemplateParameterType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("text", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        try:
            _value = d.pop("payload", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            payload = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("payload", error) from None

        try:
            _value = d.pop("url", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("url", error) from None

        instance_ = cls(
            type_=type_,
            text=text,
            payload=payload,
            url=url,
        )

        return instance_
