"""A client library for accessing Aelyst Contact Messaging API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
