from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action import Action


T = TypeVar("T", bound="CarouselCard")


@_attrs_define
class CarouselCard:
    """
    Attributes:
        title (str):
        description (str | Unset):
        media_url (str | Unset):
        actions (list[Action] | Unset):
    """

    title: str
    description: str | Unset = UNSET
    media_url: str | Unset = UNSET
    actions: list[Action] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        media_url = self.media_url

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item = actions_item_data.to_dict()
                actions.append(actions_item)

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
        if actions is not UNSET:
            field_dict["actions"] = actions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action import Action  # noqa: PLC0415

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

        try:
            _value = d.pop("actions", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _actions = _value
            actions: list[Action] | Unset = UNSET
            if _actions is not UNSET:
                actions = []
                for actions_item_data_index, actions_item_data in enumerate(_actions):
                    try:
                        actions_item = Action.from_dict(actions_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(actions_item_data_index, error) from None
                    actions.append(actions_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("actions", error) from None

        instance_ = cls(
            title=title,
            description=description,
            media_url=media_url,
            actions=actions,
        )

        return instance_
