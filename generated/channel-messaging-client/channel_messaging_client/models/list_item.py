from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="ListItem")


@_attrs_define
class ListItem:
    """
    Attributes:
        title (str):
        description (str | Unset):
        media_url (str | Unset):
    """

    title: str
    description: str | Unset = UNSET
    media_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        media_url = self.media_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if media_url is not UNSET:
            field_dict["mediaUrl"] = media_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("title")
            check_json(_value, "str")
            title = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("title", error) from None

        try:
            _value = d.pop("description", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            description = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("description", error) from None

        try:
            _value = d.pop("mediaUrl", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            media_url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("mediaUrl", error) from None

        instance_ = cls(
            title=title,
            description=description,
            media_url=media_url,
        )

        return instance_
