from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.email_attachment_type import EmailAttachmentType

T = TypeVar("T", bound="EmailAttachment")


@_attrs_define
class EmailAttachment:
    """
    Attributes:
        type_ (EmailAttachmentType):
        url (str):
        file_name (str):
    """

    type_: EmailAttachmentType
    url: str
    file_name: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        url = self.url

        file_name = self.file_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
                "fileName": file_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = EmailAttachmentType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("url")
            check_json(_value, "str")
            url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("url", error) from None

        try:
            _value = d.pop("fileName")
            check_json(_value, "str")
            file_name = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("fileName", error) from None

        instance_ = cls(
            type_=type_,
            url=url,
            file_name=file_name,
        )

        return instance_
