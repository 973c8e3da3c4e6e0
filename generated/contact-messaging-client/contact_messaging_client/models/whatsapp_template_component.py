from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.whatsapp_template_component_sub_type import WhatsappTemplateComponentSubType
from ..models.whatsapp_template_component_type import WhatsappTemplateComponentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whatsapp_template_parameter import WhatsappTemplateParameter


T = TypeVar("T", bound="WhatsappTemplateComponent")


@_attrs_define
class WhatsappTemplateComponent:
    """
    Attributes:
        type_ (WhatsappTemplateComponentType):
        sub_type (WhatsappTemplateComponentSubType | Unset): For buttons, the button kind.
        index (int | Unset):
        parameters (list[WhatsappTemplateParameter] | Unset):
    """

    type_: WhatsappTemplateComponentType
    sub_type: WhatsappTemplateComponentSubType | Unset = UNSET
    index: int | Unset = UNSET
    parameters: list[WhatsappTemplateParameter] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        sub_type: str | Unset = UNSET
        if not isinstance(self.sub_type, Unset):
            sub_type = self.sub_type.value

        index = self.index

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if sub_type is not UNSET:
            field_dict["subType"] = sub_type
        if index is not UNSET:
            field_dict["index"] = index
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.whatsapp_template_parameter import WhatsappTemplateParameter  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = WhatsappTemplateComponentType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("subType", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _sub_type = _value
            sub_type: WhatsappTemplateComponentSubType | Unset
            if isinstance(_sub_type, Unset):
                sub_type = UNSET
            else:
                sub_type = WhatsappTemplateComponentSubType(_sub_type)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("subType", error) from None

        try:
            _value = d.pop("index", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "int")
            index = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("index", error) from None

        try:
            _value = d.pop("parameters", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _parameters = _value
            parameters: list[WhatsappTemplateParameter] | Unset = UNSET
            if _parameters is not UNSET:
                parameters = []
                for parameters_item_data_index, parameters_item_data in enumerate(_parameters):
                    try:
                        parameters_item = WhatsappTemplateParameter.from_dict(parameters_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(parameters_item_data_index, error) from None
                    parameters.append(parameters_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("parameters", error) from None

        instance_ = cls(
            type_=type_,
            sub_type=sub_type,
            index=index,
            parameters=parameters,
        )

        return instance_
