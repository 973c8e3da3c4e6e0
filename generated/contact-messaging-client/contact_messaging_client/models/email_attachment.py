from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        type_ = EmailAttachmentType(d.pop("type"))

        url = d.pop("url")

        file_name = d.pop("fileName")

        email_attachment = cls(
            type_=type_,
            url=url,
            file_name=file_name,
        )

        return email_attachment
