from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.email_attachment import EmailAttachment


T = TypeVar("T", bound="EmailMessage")


@_attrs_define
class EmailMessage:
    """
    Attributes:
        type_ (Literal['email']):
        text (str): The body of the email (HTML allowed).
        subject (str | Unset):
        cc (list[str] | Unset):
        bcc (list[str] | Unset):
        reply_to_message_id (int | Unset):
        attachments (list[EmailAttachment] | Unset):
    """

    type_: Literal["email"]
    text: str
    subject: str | Unset = UNSET
    cc: list[str] | Unset = UNSET
    bcc: list[str] | Unset = UNSET
    reply_to_message_id: int | Unset = UNSET
    attachments: list[EmailAttachment] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        subject = self.subject

        cc: list[str] | Unset = UNSET
        if not isinstance(self.cc, Unset):
            cc = self.cc

        bcc: list[str] | Unset = UNSET
        if not isinstance(self.bcc, Unset):
            bcc = self.bcc

        reply_to_message_id = self.reply_to_message_id

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if subject is not UNSET:
            field_dict["subject"] = subject
        if cc is not UNSET:
            field_dict["cc"] = cc
        if bcc is not UNSET:
            field_dict["bcc"] = bcc
        if reply_to_message_id is not UNSET:
            field_dict["replyToMessageId"] = reply_to_message_id
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_attachment import EmailAttachment  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["email"], d.pop("type"))
        if type_ != "email":
            raise ValueError(f"type must match const 'email', got '{type_}'")

        text = d.pop("text")

        subject = d.pop("subject", UNSET)

        cc = cast(list[str], d.pop("cc", UNSET))

        bcc = cast(list[str], d.pop("bcc", UNSET))

        reply_to_message_id = d.pop("replyToMessageId", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[EmailAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = EmailAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        email_message = cls(
            type_=type_,
            text=text,
            subject=subject,
            cc=cc,
            bcc=bcc,
            reply_to_message_id=reply_to_message_id,
            attachments=attachments,
        )

        return email_message
