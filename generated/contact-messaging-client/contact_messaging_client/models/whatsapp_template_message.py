from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['whatsapp_template']")
            type_ = cast(Literal["whatsapp_template"], _value)
            if type_ != "whatsapp_template":
                raise ValueError(f"type must match const 'whatsapp_template', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("template")
            check_json(_value, "dict[str, Any]")
            template = WhatsappTemplate.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("template", error) from None

        instance_ = cls(
            type_=type_,
            template=template,
        )

        return instance_
