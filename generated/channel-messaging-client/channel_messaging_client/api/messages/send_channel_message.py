from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel_error import ChannelError
from ...models.channel_message import ChannelMessage
from ...models.send_channel_message_request import SendChannelMessageRequest
from ...types import Response, status_code_from_int


def _get_kwargs(
    workspace_id: UUID,
    channel_id: UUID,
    *,
    body: SendChannelMessageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workspaces/{workspace_id}/channels/{channel_id}/messages".format(
            workspace_id=quote(str(workspace_id), safe=""),
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChannelError | ChannelMessage | None:
    if response.status_code == 202:
        response_202 = ChannelMessage.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ChannelError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ChannelError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ChannelError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ChannelError.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ChannelError.from_dict(response.json())

        return response_422

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
        raise errors.ResponseParseError.from_error("send_channel_message", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    workspace_id: UUID,
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SendChannelMessageRequest,
) -> Response[ChannelError | ChannelMessage]:
    """Send a message

     Send a message to a channel. When sending outbound messages as well as setting the receiver
    information you must set the message body field in all cases except for sending a message
    template when you must only set the template field. Multiple recipient messages are only
    possible through the Email platform. For other platforms, a message with multiple receiver
    entries will be rejected. A contact is automatically created from the receiver's
    identifier if one doesn't already exist.

    Rules a schema cannot state, as they depend on the channel's platform, the workspace or
    the time (each a 422 with `details` when broken, unless said otherwise; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): one receiver, and no `cc`/`bcc`
    receivers, except on email channels; `html` bodies only on email channels; email
    channels take `emailaddress` receivers, sms and whatsapp channels `phonenumber` ones, a
    valid address or a possible phone number; a receiver `id` must be a contact of this
    workspace (404); no message-level `shortLinks` with a template; `capFrequency: true` only
    for receivers given by `id` with `meta.extraInformation.useCase` marketing; a `mediaUrl`
    this server serves (a presigned upload's, however spelled) must be an upload of this
    workspace, and of this channel for a channel-scoped upload; `scheduledFor` at most 35
    days ahead, within years 0001..9999 once its offset is applied, and not a leap second.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        body (SendChannelMessageRequest): Exactly one of `body` or `template`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessage]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        channel_id=channel_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: UUID,
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SendChannelMessageRequest,
) -> ChannelError | ChannelMessage | None:
    """Send a message

     Send a message to a channel. When sending outbound messages as well as setting the receiver
    information you must set the message body field in all cases except for sending a message
    template when you must only set the template field. Multiple recipient messages are only
    possible through the Email platform. For other platforms, a message with multiple receiver
    entries will be rejected. A contact is automatically created from the receiver's
    identifier if one doesn't already exist.

    Rules a schema cannot state, as they depend on the channel's platform, the workspace or
    the time (each a 422 with `details` when broken, unless said otherwise; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): one receiver, and no `cc`/`bcc`
    receivers, except on email channels; `html` bodies only on email channels; email
    channels take `emailaddress` receivers, sms and whatsapp channels `phonenumber` ones, a
    valid address or a possible phone number; a receiver `id` must be a contact of this
    workspace (404); no message-level `shortLinks` with a template; `capFrequency: true` only
    for receivers given by `id` with `meta.extraInformation.useCase` marketing; a `mediaUrl`
    this server serves (a presigned upload's, however spelled) must be an upload of this
    workspace, and of this channel for a channel-scoped upload; `scheduledFor` at most 35
    days ahead, within years 0001..9999 once its offset is applied, and not a leap second.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        body (SendChannelMessageRequest): Exactly one of `body` or `template`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | ChannelMessage
    """

    return sync_detailed(
        workspace_id=workspace_id,
        channel_id=channel_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace_id: UUID,
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SendChannelMessageRequest,
) -> Response[ChannelError | ChannelMessage]:
    """Send a message

     Send a message to a channel. When sending outbound messages as well as setting the receiver
    information you must set the message body field in all cases except for sending a message
    template when you must only set the template field. Multiple recipient messages are only
    possible through the Email platform. For other platforms, a message with multiple receiver
    entries will be rejected. A contact is automatically created from the receiver's
    identifier if one doesn't already exist.

    Rules a schema cannot state, as they depend on the channel's platform, the workspace or
    the time (each a 422 with `details` when broken, unless said otherwise; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): one receiver, and no `cc`/`bcc`
    receivers, except on email channels; `html` bodies only on email channels; email
    channels take `emailaddress` receivers, sms and whatsapp channels `phonenumber` ones, a
    valid address or a possible phone number; a receiver `id` must be a contact of this
    workspace (404); no message-level `shortLinks` with a template; `capFrequency: true` only
    for receivers given by `id` with `meta.extraInformation.useCase` marketing; a `mediaUrl`
    this server serves (a presigned upload's, however spelled) must be an upload of this
    workspace, and of this channel for a channel-scoped upload; `scheduledFor` at most 35
    days ahead, within years 0001..9999 once its offset is applied, and not a leap second.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        body (SendChannelMessageRequest): Exactly one of `body` or `template`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessage]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        channel_id=channel_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: UUID,
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SendChannelMessageRequest,
) -> ChannelError | ChannelMessage | None:
    """Send a message

     Send a message to a channel. When sending outbound messages as well as setting the receiver
    information you must set the message body field in all cases except for sending a message
    template when you must only set the template field. Multiple recipient messages are only
    possible through the Email platform. For other platforms, a message with multiple receiver
    entries will be rejected. A contact is automatically created from the receiver's
    identifier if one doesn't already exist.

    Rules a schema cannot state, as they depend on the channel's platform, the workspace or
    the time (each a 422 with `details` when broken, unless said otherwise; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): one receiver, and no `cc`/`bcc`
    receivers, except on email channels; `html` bodies only on email channels; email
    channels take `emailaddress` receivers, sms and whatsapp channels `phonenumber` ones, a
    valid address or a possible phone number; a receiver `id` must be a contact of this
    workspace (404); no message-level `shortLinks` with a template; `capFrequency: true` only
    for receivers given by `id` with `meta.extraInformation.useCase` marketing; a `mediaUrl`
    this server serves (a presigned upload's, however spelled) must be an upload of this
    workspace, and of this channel for a channel-scoped upload; `scheduledFor` at most 35
    days ahead, within years 0001..9999 once its offset is applied, and not a leap second.

    Args:
        workspace_id (UUID):
        channel_id (UUID):
        body (SendChannelMessageRequest): Exactly one of `body` or `template`.

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
            client=client,
            body=body,
        )
    ).parsed
