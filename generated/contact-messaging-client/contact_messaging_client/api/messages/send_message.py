from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.send_message_request import SendMessageRequest
from ...models.send_message_result import SendMessageResult
from ...types import Response, status_code_from_int


def _get_kwargs(
    identifier: str,
    *,
    body: SendMessageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/contact/{identifier}/message".format(
            identifier=quote(str(identifier), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SendMessageResult | None:
    if response.status_code == 200:
        response_200 = SendMessageResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 449:
        response_449 = Error.from_dict(response.json())

        return response_449

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SendMessageResult]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("send_message", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[Error | SendMessageResult]:
    """Send a message

     Sends a message to a specific contact through specific channel. If channelId is not
    specified, the message will be sent through last interacted channel. Note that for custom
    payload message type only supported for Telegram, Facebook, Viber and Line, channelId must
    be specified in order to send a custom payload message. Example for identifier - id:123 |
    email:abdc@gmail.com | phone:+60121233112

    Rules a schema cannot state (each a 400 naming the problem when broken; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): a `channelId` must name a channel of
    the account; null or absent sends on the contact's last interacted channel, and a contact
    without one needs an explicit `channelId`; `custom_payload` only on telegram, facebook,
    viber and line channels and only with an explicit `channelId`; the body nested at most 64
    levels (a `custom_payload`'s `payload` is level 3); `email` messages only on email channels;
    `whatsapp_template` only on
    whatsapp channels; `messageTag` on facebook and instagram outside the 24-hour window.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SendMessageResult]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Error | SendMessageResult | None:
    """Send a message

     Sends a message to a specific contact through specific channel. If channelId is not
    specified, the message will be sent through last interacted channel. Note that for custom
    payload message type only supported for Telegram, Facebook, Viber and Line, channelId must
    be specified in order to send a custom payload message. Example for identifier - id:123 |
    email:abdc@gmail.com | phone:+60121233112

    Rules a schema cannot state (each a 400 naming the problem when broken; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): a `channelId` must name a channel of
    the account; null or absent sends on the contact's last interacted channel, and a contact
    without one needs an explicit `channelId`; `custom_payload` only on telegram, facebook,
    viber and line channels and only with an explicit `channelId`; the body nested at most 64
    levels (a `custom_payload`'s `payload` is level 3); `email` messages only on email channels;
    `whatsapp_template` only on
    whatsapp channels; `messageTag` on facebook and instagram outside the 24-hour window.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SendMessageResult
    """

    return sync_detailed(
        identifier=identifier,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[Error | SendMessageResult]:
    """Send a message

     Sends a message to a specific contact through specific channel. If channelId is not
    specified, the message will be sent through last interacted channel. Note that for custom
    payload message type only supported for Telegram, Facebook, Viber and Line, channelId must
    be specified in order to send a custom payload message. Example for identifier - id:123 |
    email:abdc@gmail.com | phone:+60121233112

    Rules a schema cannot state (each a 400 naming the problem when broken; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): a `channelId` must name a channel of
    the account; null or absent sends on the contact's last interacted channel, and a contact
    without one needs an explicit `channelId`; `custom_payload` only on telegram, facebook,
    viber and line channels and only with an explicit `channelId`; the body nested at most 64
    levels (a `custom_payload`'s `payload` is level 3); `email` messages only on email channels;
    `whatsapp_template` only on
    whatsapp channels; `messageTag` on facebook and instagram outside the 24-hour window.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SendMessageResult]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Error | SendMessageResult | None:
    """Send a message

     Sends a message to a specific contact through specific channel. If channelId is not
    specified, the message will be sent through last interacted channel. Note that for custom
    payload message type only supported for Telegram, Facebook, Viber and Line, channelId must
    be specified in order to send a custom payload message. Example for identifier - id:123 |
    email:abdc@gmail.com | phone:+60121233112

    Rules a schema cannot state (each a 400 naming the problem when broken; ids in
    `x-aelyst-rules`, curation in `spec/CURATION.md`): a `channelId` must name a channel of
    the account; null or absent sends on the contact's last interacted channel, and a contact
    without one needs an explicit `channelId`; `custom_payload` only on telegram, facebook,
    viber and line channels and only with an explicit `channelId`; the body nested at most 64
    levels (a `custom_payload`'s `payload` is level 3); `email` messages only on email channels;
    `whatsapp_template` only on
    whatsapp channels; `messageTag` on facebook and instagram outside the 24-hour window.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SendMessageResult
    """

    return (
        await asyncio_detailed(
            identifier=identifier,
            client=client,
            body=body,
        )
    ).parsed
