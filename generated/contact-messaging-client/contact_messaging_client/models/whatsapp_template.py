from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whatsapp_template_component import WhatsappTemplateComponent


T = TypeVar("T", bound="WhatsappTemplate")


@_attrs_define
class WhatsappTemplate:
    """
    Attributes:
        name (str):
        language_code (str): The template's language, e.g. en or en_US.
        components (list[WhatsappTemplateComponent] | Unset):
    """

    name: str
    language_code: str
    components: list[WhatsappTemplateComponent] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        language_code = self.language_code

        components: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.components, Unset):
            components = []
            for components_item_data in self.components:
                components_item = components_item_data.to_dict()
                components.append(components_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "languageCode": language_code,
            }
        )
        if components is not UNSET:
            field_dict["components"] = components

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.whatsapp_template_component import WhatsappTemplateComponent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("name")
            check_json(_value, "str")
            name = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("name", error) from None

        try:
            _value = d.pop("languageCode")
            check_json(_value, "str")
            language_code = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("languageCode", error) from None

        try:
            _value = d.pop("components", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _components = _value
            components: list[WhatsappTemplateComponent] | Unset = UNSET
            if _components is not UNSET:
                components = []
                for components_item_data_index, components_item_data in enumerate(_components):
                    try:
                        components_item = WhatsappTemplateComponent.from_dict(components_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(components_item_data_index, error) from None
                    components.append(components_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("components", error) from None

        instance_ = cls(
            name=name,
            language_code=language_code,
            components=components,
        )

        return instance_
