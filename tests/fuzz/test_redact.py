"""Curl lines reproduce the request when pasted: credentials become references to the variables
that hold them, and nothing else is masked or changed."""

from __future__ import annotations

import subprocess

from aelyst_contract.fuzz._redact import REDACTED, Redactor, curl_line

URL = "http://127.0.0.1:9/workspaces/w/messages?pageToken=abc%2Fdef&key=k1"
BODY = '{"identifierKey": "phonenumber", "key": "name", "text": "it\'s $HOME"}'


def _words_as_a_shell_sees_them(line: str, env: dict[str, str]) -> list[str]:
    assert line.startswith("curl ")
    printed = subprocess.run(
        ["bash", "-c", "printf '%s\\n' " + line.removeprefix("curl ")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return printed.splitlines()


def test_a_pasted_curl_line_sends_the_same_request() -> None:
    headers = {
        "Authorization": "AccessKey s3cr3t-key",
        "Content-Type": "application/json",
        "User-Agent": "schemathesis/4",
        "Content-Length": "99",
    }
    line = curl_line("POST", URL, headers, BODY, {"s3cr3t-key": "AELYST_ACCESS_KEY"})
    assert "s3cr3t-key" not in line
    words = _words_as_a_shell_sees_them(line, {"AELYST_ACCESS_KEY": "s3cr3t-key"})
    assert words == [
        "-X",
        "POST",
        "-H",
        "Authorization: AccessKey s3cr3t-key",
        "-H",
        "Content-Type: application/json",
        "--data-binary",
        BODY,
        URL,
    ]


def test_a_secret_nobody_names_is_masked() -> None:
    line = curl_line("GET", URL, {"Authorization": "Bearer t0k"}, None, {"t0k": ""})
    assert "t0k" not in line
    assert REDACTED in line


def test_reports_mask_credentials_and_secret_values_only() -> None:
    redactor = Redactor(["t0k"])
    assert redactor.headers({"Authorization": "Bearer x", "X-Echo": "a t0k b", "Key": "k1"}) == {
        "Authorization": REDACTED,
        "X-Echo": f"a {REDACTED} b",
        "Key": "k1",
    }
