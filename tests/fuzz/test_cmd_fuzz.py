"""`aelyst-contract fuzz` end to end on the embedded emulator: reports, exit codes, no secrets."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from aelyst_contract.cli import main
from aelyst_contract.emulator import EmulatorConfig, running_emulator

SECRETS = [EmulatorConfig.default().contact_token, EmulatorConfig.default().admin_token]


def _reports_text(report_dir: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(report_dir.iterdir()))


def test_a_clean_contact_run_passes_and_writes_every_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["fuzz", "--api", "contact", "--budget", "2", "--seed", "3", "--report-dir", str(tmp_path)]
    )
    err = capsys.readouterr().err
    assert code == 0, (tmp_path / "summary.md").read_text()
    assert "phase coverage" in err  # progress while running
    assert {p.name for p in tmp_path.iterdir()} == {
        "summary.md",
        "junit.xml",
        "fuzz.har",
        "replays.json",
        "report.html",
        "fuzz.sarif",
        "events.jsonl",
    }
    assert ET.parse(tmp_path / "junit.xml").getroot().tag == "testsuites"
    assert json.loads((tmp_path / "fuzz.har").read_text())["log"]["entries"]
    text = _reports_text(tmp_path)
    assert all(secret not in text for secret in SECRETS)
    assert "**passed**" in text


def test_a_fault_fails_the_run_and_its_replay_id_reproduces_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [
        "fuzz",
        "--api",
        "contact",
        "--budget",
        "2",
        "--seed",
        "3",
        "--report-dir",
        str(tmp_path),
    ]
    assert main([*args, "--fault", "error-code-mismatch", "--quiet"]) == 1
    summary = (tmp_path / "summary.md").read_text()
    assert "error_body_format" in summary
    assert "curl -X" in summary
    replays = json.loads((tmp_path / "replays.json").read_text())
    assert all(secret not in _reports_text(tmp_path) for secret in SECRETS)
    replay_id = next(  # a message read: a fresh emulator has no messages, so it is a 404 again
        rid
        for rid, entry in replays.items()
        if "error_body_format" in entry["checks"]
        and entry["operation"] == "GET /contact/{identifier}/message/{messageId}"
    )
    replay = ["fuzz", "--replay", replay_id, "--report-dir", str(tmp_path)]
    capsys.readouterr()
    # An embedded replay sets the run's faults up again: the same verdict as the run.
    assert main(replay) == 1
    assert "error_body_format: FAIL" in capsys.readouterr().out
    # The same request to a server without the fault passes.
    with running_emulator(EmulatorConfig.default()) as emu:
        monkeypatch.setenv("AELYST_CONTACT_TOKEN", emu.contact_token)
        assert main([*replay, "--contact-url", emu.contact_base_url]) == 0
    assert "error_body_format: pass" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--budget", "lots"], "--budget"),
        (["--rate-limit", "fast"], "--rate-limit"),
        (["--fault", "no-such-fault"], "unknown fault"),
        (
            ["--contact-url", "http://api.example.com/v1", "--api", "contact"],
            "AELYST_CONTACT_TOKEN",
        ),
        (["--base-url", "https://h", "--fault", "unicode-500"], "embedded emulator"),
        (["--replay", "nope"], "cannot read"),
    ],
)
def test_bad_options_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["fuzz", "--report-dir", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_every_bad_option_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AELYST_CONTACT_TOKEN", raising=False)
    args = [
        *("--api", "contact", "--contact-url", "notaurl"),
        *("--budget", "lots", "--seed", "abc", "--max-failures", "0"),
        *("--rate-limit", "fast", "--fault", "unicode-500"),
    ]
    assert main(["fuzz", "--report-dir", str(tmp_path / "reports"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert err.startswith("aelyst-contract fuzz: ")
    for problem in (
        "--seed must be a whole number, not 'abc'",
        "--budget must be a number of examples (50) or a time (60s, 2m, 2h), not 'lots'",
        "--max-failures must be 1 or more",
        "--fault only applies to the embedded emulator",
        "not an http(s) URL: 'notaurl'",
        "the contact API needs a value in $AELYST_CONTACT_TOKEN",
        "--rate-limit must look like 10/s, 100/m or 1000/h, not 'fast'",
    ):
        assert problem in err
    assert not (tmp_path / "reports").exists()  # nothing started


def test_embedded_run_options_are_reported_together_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--budget", "0", "--rate-limit", "1/y", "--fault", "nope", "--max-failures", "x"]
    assert main(["fuzz", "--report-dir", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    for problem in ("--max-failures must be a whole number", "--budget", "--rate-limit", "nope"):
        assert problem in err


def test_plain_http_to_a_remote_host_is_refused_before_any_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AELYST_CONTACT_TOKEN", "t0k3n")
    args = ["fuzz", "--api", "contact", "--contact-url", "http://api.example.com/v1"]
    assert main([*args, "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "plain HTTP" in err
    assert "t0k3n" not in err


def test_a_live_target_is_fuzzed_read_only_with_credentials_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = EmulatorConfig.default()
    with running_emulator(config) as emu:
        monkeypatch.setenv("AELYST_CONTACT_TOKEN", emu.contact_token)
        monkeypatch.setenv("AELYST_ACCESS_KEY", emu.access_key)
        monkeypatch.setenv("AELYST_WORKSPACE_ID", emu.workspace_id)
        monkeypatch.setenv("AELYST_CHANNEL_IDS", ",".join(emu.channel_ids.values()))
        args = ["fuzz", "--base-url", emu.base_url, "--budget", "2", "--seed", "5", "--quiet"]
        code = main([*args, "--report-dir", str(tmp_path)])
        state = httpx.get(
            f"{emu.admin_url}/state", headers={"Authorization": f"Bearer {emu.admin_token}"}
        ).json()
    assert code == 0, (tmp_path / "summary.md").read_text()
    entries = json.loads((tmp_path / "fuzz.har").read_text())["log"]["entries"]
    assert entries
    assert {entry["request"]["method"] for entry in entries} == {"GET"}
    assert state["contactMessages"] == 0
    assert state["channelMessages"] == 0
    text = _reports_text(tmp_path)
    assert emu.contact_token not in text
    assert emu.access_key not in text


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _requests(report_dir: Path) -> list[str]:
    """Every request of the run, with each id the server issued (a UUID first seen in a
    response) replaced by its order of appearance: the server's own randomness, which later
    requests reuse, is all that may differ between two runs. The engine's requests only: the
    checks' follow-ups (`_initiator`) read back what the server issued, by design, and the
    rate-limit probe (HAR comment "API rate-limit MODE") is a burst timed against the server's
    window, stopping at its first 429: how many it sends depends on the clock (a run under load
    once had 3 engine requests fewer than its twin, the size of one family's probe)."""
    har_entries = json.loads((report_dir / "fuzz.har").read_text())["log"]["entries"]
    entries = [
        entry
        for entry in har_entries
        if "_initiator" not in entry and entry["comment"].split(" ")[1:2] != ["rate-limit"]
    ]
    issued: dict[str, str] = {}
    sent: set[str] = set()
    found = []
    for entry in entries:
        request = entry["request"]
        # Ports differ between two embedded emulators; everything after them must not.
        text = " ".join(
            [
                request["method"],
                request["url"].split("/", 3)[3],
                request.get("postData", {}).get("text") or "",
            ]
        )
        sent |= set(_UUID.findall(text))
        found.append(_UUID.sub(lambda m: issued.get(m.group(), m.group()), text))
        for value in _UUID.findall(entry["response"]["content"]["text"]):
            if value not in sent:
                issued.setdefault(value, f"<server id {len(issued)}>")
    return found


def test_the_same_seed_sends_the_same_requests(tmp_path: Path) -> None:
    """Two runs, each on a fresh emulator: the same requests in the same order. The contact
    API's ids are a sequence, so the whole run repeats."""
    for name in ("first", "second"):
        args = ["fuzz", "--api", "contact", "--budget", "3", "--seed", "11", "--quiet"]
        assert main([*args, "--report-dir", str(tmp_path / name)]) == 0
    first, second = _requests(tmp_path / "first"), _requests(tmp_path / "second")
    assert len(first) > 100
    assert first == second


def test_the_same_seed_repeats_until_the_server_s_own_random_ids_come_back(tmp_path: Path) -> None:
    """The channel API issues random UUIDs, and later requests reuse them (links, values seen
    in responses): everything before the first such request repeats exactly."""
    for name in ("first", "second"):
        args = ["fuzz", "--api", "channel", "--budget", "3", "--seed", "11", "--quiet"]
        assert main([*args, "--report-dir", str(tmp_path / name)]) == 0
    first, second = _requests(tmp_path / "first"), _requests(tmp_path / "second")
    reused = next(i for i, request in enumerate(first) if "<server id" in request)
    assert reused > 0.8 * len(first)
    assert first[:reused] == second[:reused]
    assert len(first) == len(second)


def test_a_failure_stops_neither_its_operation_nor_a_second_fault_on_it(tmp_path: Path) -> None:
    clean, faulty = tmp_path / "clean", tmp_path / "faulty"
    args = ["fuzz", "--api", "contact", "--budget", "2", "--seed", "5", "--quiet"]
    assert main([*args, "--report-dir", str(clean)]) == 0
    faults = ["--fault", "unicode-500", "--fault", "error-code-mismatch"]
    assert main([*args, *faults, "--report-dir", str(faulty)]) == 1
    junit = ET.parse(faulty / "junit.xml").getroot()
    failing = {
        (case.get("classname"), case.get("name"))
        for case in junit.iter("testcase")
        if case.find("failure") is not None
    }
    send = "contact.POST /contact/{identifier}/message"
    assert (send, "not_a_server_error") in failing
    assert (send, "error_body_format") in failing

    def sends(report_dir: Path) -> int:
        entries = json.loads((report_dir / "fuzz.har").read_text())["log"]["entries"]
        return sum(e["request"]["url"].endswith("/message") for e in entries)

    # The send keeps being explored after its first failure: about as many cases as clean.
    assert sends(faulty) > 0.8 * sends(clean)
