from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        name = d.pop("name")

        language_code = d.pop("languageCode")

        _components = d.pop("components", UNSET)
        components: list[WhatsappTemplateComponent] | Unset = UNSET
        if _components is not UNSET:
            components = []
            for components_item_data in _components:
                components_item = WhatsappTemplateComponent.from_dict(components_item_data)

                components.append(components_item)

        whatsapp_template = cls(
            name=name,
            language_code=language_code,
            components=components,
        )

        return whatsapp_template
