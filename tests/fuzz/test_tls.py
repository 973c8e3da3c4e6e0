"""The fuzzer's HTTP clients share one TLS context, and it verifies certificates."""

from __future__ import annotations

import ssl

from aelyst_contract.fuzz._http import HttpFetch, verified_tls


def test_the_shared_context_verifies_certificates_and_host_names() -> None:
    context = verified_tls()
    assert context is verified_tls()
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.get_ca_certs() or context.cert_store_stats()["x509_ca"] > 0


def test_a_probing_client_uses_it() -> None:
    fetch = HttpFetch("https://staging.example.com", "Bearer t")
    try:
        pool = fetch._client._transport._pool  # type: ignore[attr-defined]
        assert pool._ssl_context is verified_tls()
    finally:
        fetch.close()
