from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        type_ = WhatsappTemplateParameterType(d.pop("type"))

        text = d.pop("text", UNSET)

        payload = d.pop("payload", UNSET)

        url = d.pop("url", UNSET)

        whatsapp_template_parameter = cls(
            type_=type_,
            text=text,
            payload=payload,
            url=url,
        )

        return whatsapp_template_parameter
