from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.receiver_contact import ReceiverContact


T = TypeVar("T", bound="Receiver")


@_attrs_define
class Receiver:
    """
    Attributes:
        contacts (list[ReceiverContact]): One contact, except on email channels (rule `channel:one-receiver-unless-
            email`);
            `cc` and `bcc` only on email channels. Email channels take `emailaddress`
            receivers, sms and whatsapp channels `phonenumber` ones
            (`channel:receiver-identifier-key`).
    """

    contacts: list[ReceiverContact]

    def to_dict(self) -> dict[str, Any]:
        contacts = []
        for contacts_item_data in self.contacts:
            contacts_item = contacts_item_data.to_dict()
            contacts.append(contacts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contacts": contacts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.receiver_contact import ReceiverContact  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("contacts")
            check_json(_value, "list[dict[str, Any]]")
            contacts = []
            _contacts = _value
            for contacts_item_data_index, contacts_item_data in enumerate(_contacts):
                try:
                    contacts_item = ReceiverContact.from_dict(contacts_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(contacts_item_data_index, error) from None
                contacts.append(contacts_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("contacts", error) from None

        instance_ = cls(
            contacts=contacts,
        )

        return instance_
