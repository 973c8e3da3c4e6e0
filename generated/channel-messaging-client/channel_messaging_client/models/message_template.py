from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.short_links import ShortLinks
    from ..models.template_parameter import TemplateParameter


T = TypeVar("T", bound="MessageTemplate")


@_attrs_define
class MessageTemplate:
    """
    Attributes:
        project_id (UUID):
        version (str): `latest` or a template version uuid.
        locale (str): A BCP 47 language tag.
        parameters (list[TemplateParameter] | Unset):
        short_links (ShortLinks | Unset): SMS link shortening options. When using templates, use the template level
            shortLinks instead.
    """

    project_id: UUID
    version: str
    locale: str
    parameters: list[TemplateParameter] | Unset = UNSET
    short_links: ShortLinks | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        project_id = str(self.project_id)

        version = self.version

        locale = self.locale

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        short_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.short_links, Unset):
            short_links = self.short_links.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "projectId": project_id,
                "version": version,
                "locale": locale,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if short_links is not UNSET:
            field_dict["shortLinks"] = short_links

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.short_links import ShortLinks  # noqa: PLC0415
        from ..models.template_parameter import TemplateParameter  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("projectId")
            check_json(_value, "str")
            project_id = UUID(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("projectId", error) from None

        try:
            _value = d.pop("version")
            check_json(_value, "str")
            version = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("version", error) from None

        try:
            _value = d.pop("locale")
            check_json(_value, "str")
            locale = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("locale", error) from None

        try:
            _value = d.pop("parameters", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _parameters = _value
            parameters: list[TemplateParameter] | Unset = UNSET
            if _parameters is not UNSET:
                parameters = []
                for parameters_item_data_index, parameters_item_data in enumerate(_parameters):
                    try:
                        parameters_item = TemplateParameter.from_dict(parameters_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(parameters_item_data_index, error) from None
                    parameters.append(parameters_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("parameters", error) from None

        try:
            _value = d.pop("shortLinks", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _short_links = _value
            short_links: ShortLinks | Unset
            if isinstance(_short_links, Unset):
                short_links = UNSET
            else:
                short_links = ShortLinks.from_dict(_short_links)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("shortLinks", error) from None

        instance_ = cls(
            project_id=project_id,
            version=version,
            locale=locale,
            parameters=parameters,
            short_links=short_links,
        )

        return instance_
