from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error, variant_error
from ..models.channel_message_status import ChannelMessageStatus
from ..models.direction import Direction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authentication_body import AuthenticationBody
    from ..models.carousel_body import CarouselBody
    from ..models.delivered_receiver import DeliveredReceiver
    from ..models.file_body import FileBody
    from ..models.gif_body import GifBody
    from ..models.html_body import HtmlBody
    from ..models.image_body import ImageBody
    from ..models.list_body import ListBody
    from ..models.location_body import LocationBody
    from ..models.message_failure import MessageFailure
    from ..models.message_meta import MessageMeta
    from ..models.message_part import MessagePart
    from ..models.message_sender import MessageSender
    from ..models.message_template import MessageTemplate
    from ..models.section_body import SectionBody
    from ..models.short_links import ShortLinks
    from ..models.text_body import TextBody


T = TypeVar("T", bound="ChannelMessage")


@_attrs_define
class ChannelMessage:
    """
    Attributes:
        id (UUID):
        channel_id (UUID):
        receiver (DeliveredReceiver):
        status (ChannelMessageStatus):
        direction (Direction):
        last_status_at (datetime.datetime):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        sender (MessageSender | Unset):
        body (AuthenticationBody | CarouselBody | FileBody | GifBody | HtmlBody | ImageBody | ListBody | LocationBody |
            SectionBody | TextBody | Unset):
        template (MessageTemplate | Unset):
        reference (str | Unset): A reference to the message. This can be used to identify the message in the channel.
        reason (str | Unset): This field is used to store additional information related to the message status.
        tags (list[str] | Unset): Stored lower-cased.
        short_links (ShortLinks | Unset): SMS link shortening options. When using templates, use the template level
            shortLinks instead.
        scheduled_for (datetime.datetime | Unset):
        validity (int | Unset): Seconds the message stays valid; the channel type's default when none was sent.
        parts (list[MessagePart] | Unset):
        failure (MessageFailure | Unset):
        meta (MessageMeta | Unset):
    """

    id: UUID
    channel_id: UUID
    receiver: DeliveredReceiver
    status: ChannelMessageStatus
    direction: Direction
    last_status_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    sender: MessageSender | Unset = UNSET
    body: (
        AuthenticationBody
        | CarouselBody
        | FileBody
        | GifBody
        | HtmlBody
        | ImageBody
        | ListBody
        | LocationBody
        | SectionBody
        | TextBody
        | Unset
    ) = UNSET
    template: MessageTemplate | Unset = UNSET
    reference: str | Unset = UNSET
    reason: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    short_links: ShortLinks | Unset = UNSET
    scheduled_for: datetime.datetime | Unset = UNSET
    validity: int | Unset = UNSET
    parts: list[MessagePart] | Unset = UNSET
    failure: MessageFailure | Unset = UNSET
    meta: MessageMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.carousel_body import CarouselBody  # noqa: PLC0415
        from ..models.file_body import FileBody  # noqa: PLC0415
        from ..models.gif_body import GifBody  # noqa: PLC0415
        from ..models.html_body import HtmlBody  # noqa: PLC0415
        from ..models.image_body import ImageBody  # noqa: PLC0415
        from ..models.list_body import ListBody  # noqa: PLC0415
        from ..models.location_body import LocationBody  # noqa: PLC0415
        from ..models.section_body import SectionBody  # noqa: PLC0415
        from ..models.text_body import TextBody  # noqa: PLC0415

        id = str(self.id)

        channel_id = str(self.channel_id)

        receiver = self.receiver.to_dict()

        status = self.status.value

        direction = self.direction.value

        last_status_at = self.last_status_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        sender: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sender, Unset):
            sender = self.sender.to_dict()

        body: dict[str, Any] | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        elif isinstance(self.body, TextBody):
            body = self.body.to_dict()
        elif isinstance(self.body, HtmlBody):
            body = self.body.to_dict()
        elif isinstance(self.body, ImageBody):
            body = self.body.to_dict()
        elif isinstance(self.body, FileBody):
            body = self.body.to_dict()
        elif isinstance(self.body, GifBody):
            body = self.body.to_dict()
        elif isinstance(self.body, LocationBody):
            body = self.body.to_dict()
        elif isinstance(self.body, CarouselBody):
            body = self.body.to_dict()
        elif isinstance(self.body, ListBody):
            body = self.body.to_dict()
        elif isinstance(self.body, SectionBody):
            body = self.body.to_dict()
        else:
            body = self.body.to_dict()

        template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template.to_dict()

        reference = self.reference

        reason = self.reason

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        short_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.short_links, Unset):
            short_links = self.short_links.to_dict()

        scheduled_for: str | Unset = UNSET
        if not isinstance(self.scheduled_for, Unset):
            scheduled_for = self.scheduled_for.isoformat()

        validity = self.validity

        parts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parts, Unset):
            parts = []
            for parts_item_data in self.parts:
                parts_item = parts_item_data.to_dict()
                parts.append(parts_item)

        failure: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failure, Unset):
            failure = self.failure.to_dict()

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channelId": channel_id,
                "receiver": receiver,
                "status": status,
                "direction": direction,
                "lastStatusAt": last_status_at,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if sender is not UNSET:
            field_dict["sender"] = sender
        if body is not UNSET:
            field_dict["body"] = body
        if template is not UNSET:
            field_dict["template"] = template
        if reference is not UNSET:
            field_dict["reference"] = reference
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tags is not UNSET:
            field_dict["tags"] = tags
        if short_links is not UNSET:
            field_dict["shortLinks"] = short_links
        if scheduled_for is not UNSET:
            field_dict["scheduledFor"] = scheduled_for
        if validity is not UNSET:
            field_dict["validity"] = validity
        if parts is not UNSET:
            field_dict["parts"] = parts
        if failure is not UNSET:
            field_dict["failure"] = failure
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authentication_body import AuthenticationBody  # noqa: PLC0415
        from ..models.carousel_body import CarouselBody  # noqa: PLC0415
        from ..models.delivered_receiver import DeliveredReceiver  # noqa: PLC0415
        from ..models.file_body import FileBody  # noqa: PLC0415
        from ..models.gif_body import GifBody  # noqa: PLC0415
        from ..models.html_body import HtmlBody  # noqa: PLC0415
        from ..models.image_body import ImageBody  # noqa: PLC0415
        from ..models.list_body import ListBody  # noqa: PLC0415
        from ..models.location_body import LocationBody  # noqa: PLC0415
        from ..models.message_failure import MessageFailure  # noqa: PLC0415
        from ..models.message_meta import MessageMeta  # noqa: PLC0415
        from ..models.message_part import MessagePart  # noqa: PLC0415
        from ..models.message_sender import MessageSender  # noqa: PLC0415
        from ..models.message_template import MessageTemplate  # noqa: PLC0415
        from ..models.section_body import SectionBody  # noqa: PLC0415
        from ..models.short_links import ShortLinks  # noqa: PLC0415
        from ..models.text_body import TextBody  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("id")
            check_json(_value, "str")
            id = UUID(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("id", error) from None

        try:
            _value = d.pop("channelId")
            check_json(_value, "str")
            channel_id = UUID(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("channelId", error) from None

        try:
            _value = d.pop("receiver")
            check_json(_value, "dict[str, Any]")
            receiver = DeliveredReceiver.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("receiver", error) from None

        try:
            _value = d.pop("status")
            check_json(_value, "str")
            status = ChannelMessageStatus(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("status", error) from None

        try:
            _value = d.pop("direction")
            check_json(_value, "str")
            direction = Direction(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("direction", error) from None

        try:
            _value = d.pop("lastStatusAt")
            check_json(_value, "str")
            last_status_at = datetime.datetime.fromisoformat(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("lastStatusAt", error) from None

        try:
            _value = d.pop("createdAt")
            check_json(_value, "str")
            created_at = datetime.datetime.fromisoformat(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("createdAt", error) from None

        try:
            _value = d.pop("updatedAt")
            check_json(_value, "str")
            updated_at = datetime.datetime.fromisoformat(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("updatedAt", error) from None

        try:
            _value = d.pop("sender", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _sender = _value
            sender: MessageSender | Unset
            if isinstance(_sender, Unset):
                sender = UNSET
            else:
                sender = MessageSender.from_dict(_sender)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("sender", error) from None

        try:
            _value = d.pop("body", UNSET)

            def _parse_body(
                data: object,
            ) -> (
                AuthenticationBody
                | CarouselBody
                | FileBody
                | GifBody
                | HtmlBody
                | ImageBody
                | ListBody
                | LocationBody
                | SectionBody
                | TextBody
                | Unset
            ):
                if isinstance(data, Unset):
                    return data
                check_json(data, "dict[str, Any]")
                variant_errors: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_0 = TextBody.from_dict(data)

                    return componentsschemas_message_body_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_1 = HtmlBody.from_dict(data)

                    return componentsschemas_message_body_type_1
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_2 = ImageBody.from_dict(data)

                    return componentsschemas_message_body_type_2
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_3 = FileBody.from_dict(data)

                    return componentsschemas_message_body_type_3
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_4 = GifBody.from_dict(data)

                    return componentsschemas_message_body_type_4
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_5 = LocationBody.from_dict(data)

                    return componentsschemas_message_body_type_5
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_6 = CarouselBody.from_dict(data)

                    return componentsschemas_message_body_type_6
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_7 = ListBody.from_dict(data)

                    return componentsschemas_message_body_type_7
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_8 = SectionBody.from_dict(data)

                    return componentsschemas_message_body_type_8
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_body_type_9 = AuthenticationBody.from_dict(data)

                    return componentsschemas_message_body_type_9
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            body = _parse_body(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("body", error) from None

        try:
            _value = d.pop("template", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _template = _value
            template: MessageTemplate | Unset
            if isinstance(_template, Unset):
                template = UNSET
            else:
                template = MessageTemplate.from_dict(_template)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("template", error) from None

        try:
            _value = d.pop("reference", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            reference = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("reference", error) from None

        try:
            _value = d.pop("reason", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            reason = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("reason", error) from None

        try:
            _value = d.pop("tags", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[str]")
            tags = cast(list[str], _value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("tags", error) from None

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

        try:
            _value = d.pop("scheduledFor", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _scheduled_for = _value
            scheduled_for: datetime.datetime | Unset
            if isinstance(_scheduled_for, Unset):
                scheduled_for = UNSET
            else:
                scheduled_for = datetime.datetime.fromisoformat(_scheduled_for)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("scheduledFor", error) from None

        try:
            _value = d.pop("validity", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "int")
            validity = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("validity", error) from None

        try:
            _value = d.pop("parts", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _parts = _value
            parts: list[MessagePart] | Unset = UNSET
            if _parts is not UNSET:
                parts = []
                for parts_item_data_index, parts_item_data in enumerate(_parts):
                    try:
                        parts_item = MessagePart.from_dict(parts_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(parts_item_data_index, error) from None
                    parts.append(parts_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("parts", error) from None

        try:
            _value = d.pop("failure", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _failure = _value
            failure: MessageFailure | Unset
            if isinstance(_failure, Unset):
                failure = UNSET
            else:
                failure = MessageFailure.from_dict(_failure)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("failure", error) from None

        try:
            _value = d.pop("meta", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _meta = _value
            meta: MessageMeta | Unset
            if isinstance(_meta, Unset):
                meta = UNSET
            else:
                meta = MessageMeta.from_dict(_meta)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("meta", error) from None

        instance_ = cls(
            id=id,
            channel_id=channel_id,
            receiver=receiver,
            status=status,
            direction=direction,
            last_status_at=last_status_at,
            created_at=created_at,
            updated_at=updated_at,
            sender=sender,
            body=body,
            template=template,
            reference=reference,
            reason=reason,
            tags=tags,
            short_links=short_links,
            scheduled_for=scheduled_for,
            validity=validity,
            parts=parts,
            failure=failure,
            meta=meta,
        )

        instance_.additional_properties = d
        return instance_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
