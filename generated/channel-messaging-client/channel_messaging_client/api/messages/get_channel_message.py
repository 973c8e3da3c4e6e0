from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel_error import ChannelError
from ...models.channel_message import ChannelMessage
from ...types import Response, status_code_from_int


def _get_kwargs(
    workspace_id: UUID,
    channel_id: UUID,
    message_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workspaces/{workspace_id}/channels/{channel_id}/messages/{message_id}".format(
            workspace_id=quote(str(workspace_id), safe=""),
            channel_id=quote(str(channel_id), safe=""),
            message_id=quote(str(message_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChannelError | ChannelMessage | None:
    if response.status_code == 200:
        response_200 = ChannelMessage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ChannelError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ChannelError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ChannelError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ChannelError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ChannelError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChannelError | ChannelMessage]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("get_channel_message", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    workspace_id: UUID,
    channel_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ChannelError | ChannelMessage]:
    """Get a channel message

     Get message by message ID.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        message_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessage]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        channel_id=channel_id,
        message_id=message_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: UUID,
    channel_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ChannelError | ChannelMessage | None:
    """Get a channel message

     Get message by message ID.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        message_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | ChannelMessage
    """

    return sync_detailed(
        workspace_id=workspace_id,
        channel_id=channel_id,
        message_id=message_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace_id: UUID,
    channel_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ChannelError | ChannelMessage]:
    """Get a channel message

     Get message by message ID.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        message_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessage]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        channel_id=channel_id,
        message_id=message_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: UUID,
    channel_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ChannelError | ChannelMessage | None:
    """Get a channel message

     Get message by message ID.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        message_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | ChannelMessage
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            channel_id=channel_id,
            message_id=message_id,
            client=client,
        )
    ).parsed
