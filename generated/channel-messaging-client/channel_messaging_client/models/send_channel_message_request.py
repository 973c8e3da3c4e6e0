from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error, variant_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authentication_body import AuthenticationBody
    from ..models.carousel_body import CarouselBody
    from ..models.file_body import FileBody
    from ..models.gif_body import GifBody
    from ..models.html_body import HtmlBody
    from ..models.image_body import ImageBody
    from ..models.list_body import ListBody
    from ..models.location_body import LocationBody
    from ..models.message_meta import MessageMeta
    from ..models.message_template import MessageTemplate
    from ..models.receiver import Receiver
    from ..models.section_body import SectionBody
    from ..models.short_links import ShortLinks
    from ..models.text_body import TextBody


T = TypeVar("T", bound="SendChannelMessageRequest")


@_attrs_define
class SendChannelMessageRequest:
    """Exactly one of `body` or `template`.

    Attributes:
        receiver (Receiver):
        body (AuthenticationBody | CarouselBody | FileBody | GifBody | HtmlBody | ImageBody | ListBody | LocationBody |
            SectionBody | TextBody | Unset):
        template (MessageTemplate | Unset):
        reference (str | Unset): A reference to the message. This can be used to identify the message in the channel.
        cap_frequency (bool | Unset): If set to true, the frequency capping settings of the platform will be used to
            either
            allow or reject the message to a contact. Can only be set to true if the message is sent
            to a contact and .meta.extraInformation.useCase is marketing.
        enable_link_tracking (bool | Unset): If set to true and message is a test/campaign message, web tracking
            parameters will be appended to the links in the message.
        ignore_quiet_hours (bool | Unset): If set to true, quiet hours settings will be ignored and the message will be
            sent as soon as possible.
        ignore_global_holdout (bool | Unset): Do not check if the recipient is part of global holdout. To be used to
            send transactional messages.
        tags (list[str] | Unset): Tags are converted to lower case; tags that do not exist are created. Up to 10 tags
            per message.
        short_links (ShortLinks | Unset): SMS link shortening options. When using templates, use the template level
            shortLinks instead.
        scheduled_for (datetime.datetime | Unset): Scheduled time to send message at (RFC 3339). When set, the message
            status will be
            scheduled until it's sent. Messages scheduled for a time in the past or within 10
            minutes of the request may be sent immediately. Messages scheduled farther than 35
            days will be rejected. Read as an instant, whatever its offset (up to +-23:59) or
            fraction of a second; an instant outside years 0001..9999 once the offset is applied,
            and a leap second (`:60`), are refused with 422 (rule
            `channel:schedule-instant-range`).
        validity (int | Unset): Validity determines for how many seconds a message is valid. If none is provided, the
            channel message type will be used to determine it: 129600 (36 hours) for promotional,
            conversational or transactional channels, 600 (10 minutes) for a 2FA channel.
        meta (MessageMeta | Unset):
    """

    receiver: Receiver
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
    cap_frequency: bool | Unset = UNSET
    enable_link_tracking: bool | Unset = UNSET
    ignore_quiet_hours: bool | Unset = UNSET
    ignore_global_holdout: bool | Unset = UNSET
    tags: list[str] | Unset = UNSET
    short_links: ShortLinks | Unset = UNSET
    scheduled_for: datetime.datetime | Unset = UNSET
    validity: int | Unset = UNSET
    meta: MessageMeta | Unset = UNSET

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

        receiver = self.receiver.to_dict()

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

        cap_frequency = self.cap_frequency

        enable_link_tracking = self.enable_link_tracking

        ignore_quiet_hours = self.ignore_quiet_hours

        ignore_global_holdout = self.ignore_global_holdout

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

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "receiver": receiver,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if template is not UNSET:
            field_dict["template"] = template
        if reference is not UNSET:
            field_dict["reference"] = reference
        if cap_frequency is not UNSET:
            field_dict["capFrequency"] = cap_frequency
        if enable_link_tracking is not UNSET:
            field_dict["enableLinkTracking"] = enable_link_tracking
        if ignore_quiet_hours is not UNSET:
            field_dict["ignoreQuietHours"] = ignore_quiet_hours
        if ignore_global_holdout is not UNSET:
            field_dict["ignoreGlobalHoldout"] = ignore_global_holdout
        if tags is not UNSET:
            field_dict["tags"] = tags
        if short_links is not UNSET:
            field_dict["shortLinks"] = short_links
        if scheduled_for is not UNSET:
            field_dict["scheduledFor"] = scheduled_for
        if validity is not UNSET:
            field_dict["validity"] = validity
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authentication_body import AuthenticationBody  # noqa: PLC0415
        from ..models.carousel_body import CarouselBody  # noqa: PLC0415
        from ..models.file_body import FileBody  # noqa: PLC0415
        from ..models.gif_body import GifBody  # noqa: PLC0415
        from ..models.html_body import HtmlBody  # noqa: PLC0415
        from ..models.image_body import ImageBody  # noqa: PLC0415
        from ..models.list_body import ListBody  # noqa: PLC0415
        from ..models.location_body import LocationBody  # noqa: PLC0415
        from ..models.message_meta import MessageMeta  # noqa: PLC0415
        from ..models.message_template import MessageTemplate  # noqa: PLC0415
        from ..models.receiver import Receiver  # noqa: PLC0415
        from ..models.section_body import SectionBody  # noqa: PLC0415
        from ..models.short_links import ShortLinks  # noqa: PLC0415
        from ..models.text_body import TextBody  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("receiver")
            check_json(_value, "dict[str, Any]")
            receiver = Receiver.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("receiver", error) from None

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
            _value = d.pop("capFrequency", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "bool")
            cap_frequency = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("capFrequency", error) from None

        try:
            _value = d.pop("enableLinkTracking", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "bool")
            enable_link_tracking = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("enableLinkTracking", error) from None

        try:
            _value = d.pop("ignoreQuietHours", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "bool")
            ignore_quiet_hours = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("ignoreQuietHours", error) from None

        try:
            _value = d.pop("ignoreGlobalHoldout", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "bool")
            ignore_global_holdout = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("ignoreGlobalHoldout", error) from None

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
            receiver=receiver,
            body=body,
            template=template,
            reference=reference,
            cap_frequency=cap_frequency,
            enable_link_tracking=enable_link_tracking,
            ignore_quiet_hours=ignore_quiet_hours,
            ignore_global_holdout=ignore_global_holdout,
            tags=tags,
            short_links=short_links,
            scheduled_for=scheduled_for,
            validity=validity,
            meta=meta,
        )

        return instance_
