from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.whatsapp_template import WhatsappTemplate


T = TypeVar("T", bound="WhatsappTemplateMessage")


@_attrs_define
class WhatsappTemplateMessage:
    """
    Attributes:
        type_ (Literal['whatsapp_template']):
        template (WhatsappTemplate):
    """

    type_: Literal["whatsapp_template"]
    template: WhatsappTemplate

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        template = self.template.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "template": template,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.whatsapp_template import WhatsappTemplate  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["whatsapp_template"], d.pop("type"))
        if type_ != "whatsapp_template":
            raise ValueError(f"type must match const 'whatsapp_template', got '{type_}'")

        template = WhatsappTemplate.from_dict(d.pop("template"))

        whatsapp_template_message = cls(
            type_=type_,
            template=template,
        )

        return whatsapp_template_message
