"""Reports: JUnit XML, HAR, Markdown summary and replays, from events; secrets never get in."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

from aelyst_contract.fuzz import (
    CaseResult,
    CheckOutcome,
    HarReporter,
    JunitReporter,
    ProgressReporter,
    ReplayReporter,
    SummaryReporter,
    Target,
)
from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    EngineProblem,
    FuzzEvent,
    RecordedRequest,
    RecordedResponse,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._redact import REDACTED
from aelyst_contract.fuzz._registry import CAPABILITY_REASONS
from aelyst_contract.fuzz._results import ResultMaker

OP = "GET /contact/{identifier}/message/list"
CURL = "curl -X GET -H 'Authorization: [Filtered]' 'http://127.0.0.1:9/v1/contact/id%3A1/message/list?limit=51'"


def _case(passed: bool, limit: str = "51") -> CaseResult:
    outcomes = (
        CheckOutcome(check="not_a_server_error", passed=True),
        CheckOutcome(
            check="limit_bounds",
            passed=passed,
            title="Custom check failed: `limit_bounds`",
            message="" if passed else f"limit='{limit}' is outside 1..50 but was answered 200",
            curl="" if passed else CURL,
            replay_id="" if passed else "abc123def456",
        ),
    )
    return CaseResult(
        api="contact",
        operation=OP,
        phase="coverage",
        mode="negative",
        request=RecordedRequest(
            method="GET",
            url=f"http://127.0.0.1:9/v1/contact/id%3A1/message/list?limit={limit}",
            headers={"Authorization": REDACTED},
            body=None,
        ),
        response=RecordedResponse(
            status=200, headers={"content-type": "application/json"}, body="{}", elapsed_ms=1.5
        ),
        outcomes=outcomes,
    )


EVENTS: list[FuzzEvent] = [
    RunStarted(
        apis=("contact",), target="embedded emulator", seed=7, budget="5 examples per operation"
    ),
    ApiStarted(api="contact", base_url="http://127.0.0.1:9/v1", operations=(OP,)),
    _case(passed=True, limit="5"),
    _case(passed=False),
    _case(passed=False, limit="0"),
    EngineProblem(api="contact", label="GET /x", message="Connection refused\nmore"),
    ApiFinished(api="contact", elapsed_s=1.0, cases=3),
    RunFinished(elapsed_s=1.2, cases=3, failures=2, problems=1),
]


def _run(*reporters: object, events: list[FuzzEvent] = EVENTS) -> None:
    for event in events:
        for reporter in reporters:
            reporter.handle(event)  # type: ignore[attr-defined]
    for reporter in reporters:
        reporter.close()  # type: ignore[attr-defined]


def test_junit_has_a_testcase_per_operation_and_check(tmp_path: Path) -> None:
    _run(JunitReporter(tmp_path / "junit.xml"))
    root = ET.parse(tmp_path / "junit.xml").getroot()
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == "contact"
    assert suite.get("failures") == "1"
    assert suite.get("errors") == "1"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["not_a_server_error"].find("failure") is None
    failure = cases["limit_bounds"].find("failure")
    assert failure is not None
    assert "2 of 3 cases failed" in (failure.text or "")
    assert "abc123def456" in (failure.text or "")


def test_har_holds_every_exchange(tmp_path: Path) -> None:
    _run(HarReporter(tmp_path / "fuzz.har"))
    har = json.loads((tmp_path / "fuzz.har").read_text())
    entries = har["log"]["entries"]
    assert len(entries) == 3
    assert entries[1]["request"]["url"].endswith("limit=51")
    assert entries[1]["request"]["headers"] == [{"name": "Authorization", "value": REDACTED}]
    assert entries[1]["response"]["status"] == 200


def test_summary_shows_the_matrix_and_each_failure_with_curl_and_replay_id(tmp_path: Path) -> None:
    _run(SummaryReporter(tmp_path / "summary.md"))
    text = (tmp_path / "summary.md").read_text()
    assert f"1. `{OP}`" in text
    assert "| limit_bounds | **FAIL** 2/3 |" in text
    assert "pass 3" in text
    assert CURL in text
    assert "abc123def456" in text
    assert "Connection refused" in text
    assert "**FAILED**" in text


def test_replays_keep_failing_requests_without_credentials(tmp_path: Path) -> None:
    _run(ReplayReporter(tmp_path / "replays.json"))
    replays = json.loads((tmp_path / "replays.json").read_text())
    assert list(replays) == ["abc123def456"]
    assert replays["abc123def456"]["checks"] == ["limit_bounds"]
    assert "Authorization" not in replays["abc123def456"]["headers"]


def test_progress_reports_phases_and_the_verdict() -> None:
    stream = io.StringIO()
    _run(ProgressReporter(stream, every=2))
    out = stream.getvalue()
    assert "fuzzing contact on embedded emulator (seed 7" in out
    assert "2 cases, 1 failing" in out
    assert "FAILED: 3 cases" in out


def test_recorded_exchanges_are_redacted_before_any_reporter_sees_them() -> None:
    secret = "tok-very-secret"
    interaction = SimpleNamespace(
        request=SimpleNamespace(
            method="post",
            uri=f"http://127.0.0.1:9/v1/contact/id%3A1/message?echo={secret}",
            headers={"Authorization": [f"Bearer {secret}"], "X-Trace": [secret]},
            body=f'{{"text": "{secret}"}}'.encode(),
        ),
        response=SimpleNamespace(
            status_code=200,
            headers={"Set-Cookie": ["s=1"], "X-Echo": [secret]},
            content=b"{}",
            text_lossy=lambda: f'{{"echo": "{secret}"}}',
            elapsed=0.01,
        ),
        timestamp=1_700_000_000.5,  # when schemathesis recorded the answer
    )
    maker = ResultMaker(
        "contact", Target(contact_url=None, channel_url=None, secret_env={secret: ""})
    )
    event = SimpleNamespace(
        recorder=SimpleNamespace(
            cases={
                "c1": SimpleNamespace(
                    value=SimpleNamespace(meta=None, operation=SimpleNamespace(label=OP), id="c1")
                )
            },
            interactions={"c1": interaction},
            checks={},
        ),
        phase=SimpleNamespace(value="fuzzing"),
    )
    (result,) = maker.case_results(event)
    request, response = result.request, result.response
    assert response is not None
    everything = json.dumps([request.__dict__, response.__dict__], default=dict)
    assert secret not in everything
    assert request.headers["Authorization"] == REDACTED
    assert response.headers["Set-Cookie"] == REDACTED
    # The send time is the answer's time less the response time.
    assert abs(request.started_at - 1_700_000_000.49) < 1e-6


SEND = "POST /contact/{identifier}/message"
PLANNED: list[FuzzEvent] = [
    RunStarted(
        apis=("contact",),
        target="live target",
        seed=7,
        budget="5",
        target_args="--profile staging.toml",
        rate_probe="off",
    ),
    ApiStarted(
        api="contact",
        base_url="http://127.0.0.1:9/v1",
        operations=(OP, SEND),
        plan={
            OP: {"limit_bounds": "applies", "send_then_get": "n/a", "paging_walk": "applies"},
            SEND: {
                "limit_bounds": "n/a",
                "send_then_get": CAPABILITY_REASONS["writes"],
                "paging_walk": "n/a",
            },
        },
    ),
    *[_case(passed=False, limit="51") for _ in range(4)],
    CaseResult(
        api="contact",
        operation=OP,
        phase="fuzzing",
        mode="positive",
        request=RecordedRequest(
            "GET", "http://127.0.0.1:9/v1/contact/id%3A1/message/list", {}, None
        ),
        response=RecordedResponse(200, {}, "{}", 1.0),
        outcomes=(
            CheckOutcome(
                check="paging_walk",
                passed=False,
                message="walking next returned messages more than once: ['7']",
                curl="curl -X GET 'http://127.0.0.1:9/v1/contact/id%3A1/message/list?limit=2'",
                replay_id="probe0000001",
                probe=RecordedRequest(
                    "GET", "http://127.0.0.1:9/v1/contact/id%3A1/message/list?limit=2", {}, None
                ),
            ),
        ),
    ),
    RunFinished(elapsed_s=1.0, cases=5, failures=5, problems=0),
]


def _run_planned(*reporters: object) -> None:
    _run(*reporters, events=PLANNED)


def test_summary_tells_n_a_from_not_exercised_and_lists_every_failure(tmp_path: Path) -> None:
    _run_planned(SummaryReporter(tmp_path / "summary.md", report_dir=tmp_path))
    text = (tmp_path / "summary.md").read_text()
    assert "| limit_bounds | **FAIL** 4/4 | n/a |" in text
    assert "| send_then_get | n/a | *not exercised* |" in text
    assert "- contact send_then_get on 2: needs writes" in text
    # One group for the four identical failures, with the other three replay ids listed.
    assert "limit_bounds (4 cases)" in text
    assert text.count("`abc123def456`") == 3
    # A replay line that works when pasted: report dir and the target's options.
    command = f"aelyst-contract fuzz --replay abc123def456 --report-dir {tmp_path}"
    assert f"`{command} --profile staging.toml`" in text
    # A probe's failure names the probe, with its own curl line and replay id.
    assert (
        "on the follow-up `GET http://127.0.0.1:9/v1/contact/id%3A1/message/list?limit=2`" in text
    )
    assert "--replay probe0000001" in text
    # No 429 came by and probing was off: the rate-limit rules were not exercised.
    rate = text.split("## Rate limits", 1)[1].split("##", 1)[0]
    assert "**not exercised**" in rate
    assert "probe` in the profile" in rate


def test_junit_marks_n_a_and_not_exercised_as_skipped(tmp_path: Path) -> None:
    _run_planned(JunitReporter(tmp_path / "junit.xml"))
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    cases = {(c.get("classname"), c.get("name")): c for c in suite.iter("testcase")}
    skipped = cases[(f"contact.{SEND}", "send_then_get")].find("skipped")
    assert skipped is not None
    assert "not exercised: needs writes" in (skipped.get("message") or "")
    na = cases[(f"contact.{OP}", "send_then_get")].find("skipped")
    assert na is not None
    assert (na.get("message") or "").startswith("n/a")
    assert cases[(f"contact.{OP}", "limit_bounds")].find("failure") is not None
    assert suite.get("tests") == str(len(cases))
    assert int(suite.get("skipped") or 0) == sum(
        c.find("skipped") is not None for c in cases.values()
    )


def test_progress_names_each_failing_check_once() -> None:
    stream = io.StringIO()
    reporter = ProgressReporter(stream)
    for event in PLANNED:
        reporter.handle(event)
    out = stream.getvalue()
    assert out.count("FAIL limit_bounds on contact") == 1
    assert "FAIL paging_walk on contact" in out


def test_replays_file_a_probe_failure_under_the_probe_with_the_request_behind_it(
    tmp_path: Path,
) -> None:
    _run_planned(ReplayReporter(tmp_path / "replays.json", faults=frozenset({"duplicate-on-page"})))
    replays = json.loads((tmp_path / "replays.json").read_text())
    entry = replays["probe0000001"]
    assert entry["checks"] == ["paging_walk"]
    assert entry["path"] == "/contact/id%3A1/message/list"  # the request the probe came from
    assert entry["probe"]["url"] == "/contact/id%3A1/message/list?limit=2"
    assert entry["faults"] == ["duplicate-on-page"]
    assert replays["abc123def456"]["mode"] == "negative"
