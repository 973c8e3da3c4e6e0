from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        title = d.pop("title")

        description = d.pop("description", UNSET)

        media_url = d.pop("mediaUrl", UNSET)

        _actions = d.pop("actions", UNSET)
        actions: list[Action] | Unset = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:
                actions_item = Action.from_dict(actions_item_data)

                actions.append(actions_item)

        carousel_card = cls(
            title=title,
            description=description,
            media_url=media_url,
            actions=actions,
        )

        return carousel_card
