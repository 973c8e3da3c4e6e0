from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['email']")
            type_ = cast(Literal["email"], _value)
            if type_ != "email":
                raise ValueError(f"type must match const 'email', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("text")
            check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        try:
            _value = d.pop("subject", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            subject = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("subject", error) from None

        try:
            _value = d.pop("cc", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[str]")
            cc = cast(list[str], _value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("cc", error) from None

        try:
            _value = d.pop("bcc", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[str]")
            bcc = cast(list[str], _value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("bcc", error) from None

        try:
            _value = d.pop("replyToMessageId", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "int")
            reply_to_message_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("replyToMessageId", error) from None

        try:
            _value = d.pop("attachments", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _attachments = _value
            attachments: list[EmailAttachment] | Unset = UNSET
            if _attachments is not UNSET:
                attachments = []
                for attachments_item_data_index, attachments_item_data in enumerate(_attachments):
                    try:
                        attachments_item = EmailAttachment.from_dict(attachments_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(attachments_item_data_index, error) from None
                    attachments.append(attachments_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("attachments", error) from None

        instance_ = cls(
            type_=type_,
            text=text,
            subject=subject,
            cc=cc,
            bcc=bcc,
            reply_to_message_id=reply_to_message_id,
            attachments=attachments,
        )

        return instance_
