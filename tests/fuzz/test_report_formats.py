"""The report files against their formats (JUnit XSD, HAR 1.2 and SARIF 2.1.0 JSON Schemas, HTML5)
and their content against the run: from a synthetic event stream and from a small real run."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import jsonschema
import pytest
import xmlschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT6

from aelyst_contract._resources import CHECKOUT_ROOT
from aelyst_contract._sarif import SarifLog, YamlLocator, artifact_uri
from aelyst_contract._specs import CONTACT_SPEC_PATH
from aelyst_contract.cli import main
from aelyst_contract.emulator import EmulatorConfig
from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    CheckOutcome,
    FollowUp,
    FuzzEvent,
    PhaseChanged,
    RecordedRequest,
    RecordedResponse,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._report_html import HtmlReporter, html_text, readable_body
from aelyst_contract.fuzz._report_sarif import SarifReporter
from aelyst_contract.fuzz._reporters import (
    HarReporter,
    JunitReporter,
    LiveProgressReporter,
    ProgressReporter,
    SummaryReporter,
    progress_reporter,
)
from aelyst_contract.fuzz._run_info import spec_infos
from aelyst_contract.openapi import join_pointer

DATA = Path(__file__).resolve().parents[1] / "data"
BASE = "http://127.0.0.1:9/v1"
LIST = "GET /contact/{identifier}/message/list"
SEND = "POST /contact/{identifier}/message"
SENT_AT = 1_764_578_378.123  # 2025-12-01T08:39:38.123Z
HOSTILE = "<script>alert('x')</script>"
CURL = f"curl -X GET '{BASE}/contact/id%3A1/message/list?limit=51&tag=a%20b'"
PROBE_URL = f"{BASE}/contact/id%3A1/message/list?limit=2&cursorId=7"


def _spec_line(path: Path, path_key: str, method: str) -> int:
    """The line of `method:` under `path_key:` in a spec, found by reading the text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {path_key}:")
    return next(n for n in range(start, len(lines)) if lines[n] == f"    {method}:") + 1


def _run_started(**overrides: Any) -> RunStarted:
    fields: dict[str, Any] = {
        "apis": ("contact",),
        "target": "embedded emulator",
        "seed": 7,
        "budget": "5 generated examples per operation and phase",
        "budget_arg": "5",
        "started_at": SENT_AT - 1,
        "specs": spec_infos(("contact",)),
        "tool_version": "9.9.9",
        "git_commit": "abc123",
    }
    fields.update(overrides)
    return RunStarted(**fields)


def _list_case(*, fail: bool, started_at: float = SENT_AT) -> CaseResult:
    return CaseResult(
        api="contact",
        operation=LIST,
        phase="coverage",
        mode="negative",
        request=RecordedRequest(
            "GET",
            f"{BASE}/contact/id%3A1/message/list?limit=51&tag=a%20b",
            {"Authorization": "[Filtered]"},
            None,
            started_at=started_at,
        ),
        response=RecordedResponse(
            200 if fail else 400,
            {"content-type": "application/json"},
            json.dumps({"echo": HOSTILE}),
            12.0,
        ),
        outcomes=(
            CheckOutcome("not_a_server_error", passed=True),
            CheckOutcome(
                "limit_bounds",
                passed=not fail,
                title="Custom check failed: `limit_bounds`",
                message=f"limit='51' is outside 1..50 but was answered 200 {HOSTILE}"
                if fail
                else "",
                curl=CURL if fail else "",
                replay_id="abc123def456" if fail else "",
            ),
        ),
    )


def _send_case(content_type: str, body: str, started_at: float) -> CaseResult:
    return CaseResult(
        api="contact",
        operation=SEND,
        phase="fuzzing",
        mode="positive",
        request=RecordedRequest(
            "POST",
            f"{BASE}/contact/id%3A1/message",
            {"Content-Type": content_type},
            body,
            started_at=started_at,
        ),
        response=RecordedResponse(500, {"content-type": "text/plain"}, "é boom", 3.0),
        outcomes=(CheckOutcome("not_a_server_error", passed=True),),
    )


def _events() -> list[FuzzEvent]:
    probe_case = CaseResult(
        api="contact",
        operation=LIST,
        phase="fuzzing",
        mode="positive",
        request=RecordedRequest(
            "GET", f"{BASE}/contact/id%3A1/message/list", {}, None, started_at=SENT_AT + 3
        ),
        response=RecordedResponse(200, {"content-type": "application/json"}, "{}", 2.0),
        outcomes=(
            CheckOutcome(
                "paging_walk",
                passed=False,
                title="Custom check failed: `paging_walk`",
                message="walking next returned messages more than once: ['7']",
                curl=f"curl -X GET '{PROBE_URL}'",
                replay_id="probe0000001",
                probe=RecordedRequest("GET", PROBE_URL, {}, None),
            ),
        ),
    )
    return [
        _run_started(),
        ApiStarted(
            api="contact",
            base_url=BASE,
            operations=(LIST, SEND),
            plan={
                LIST: {
                    "limit_bounds": "applies",
                    "send_then_get": "n/a",
                    "paging_walk": "applies",
                },
                SEND: {
                    "limit_bounds": "n/a",
                    "send_then_get": "needs writes (--allow-writes)",
                    "paging_walk": "n/a",
                },
            },
        ),
        PhaseChanged("contact", "coverage", finished=False),
        _list_case(fail=False, started_at=SENT_AT - 0.5),
        _list_case(fail=True),
        _list_case(fail=True, started_at=SENT_AT + 0.25),
        _send_case("multipart/form-data; boundary=xyz", "--xyz\r\nhéllo\r\n--xyz--", SENT_AT + 1),
        _send_case("text/plain", "ünïcode", SENT_AT + 2),
        probe_case,
        ApiFinished("contact", elapsed_s=4.5, cases=6),
        RunFinished(elapsed_s=5.25, cases=6, failures=3, problems=0),
    ]


def _feed(reporter: Any, events: list[FuzzEvent]) -> None:
    for event in events:
        reporter.handle(event)
    reporter.close()


def _har_validator() -> jsonschema.protocols.Validator:
    folder = DATA / "har-schema"
    registry: Registry[Any] = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT6))
        for path in folder.glob("*.json")
    )
    schema = json.loads((folder / "har.json").read_text())
    return jsonschema.Draft6Validator(
        schema, registry=registry, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    registry: Registry[Any] = Registry().with_resource(
        schema["id"], Resource.from_contents(schema, DRAFT4)
    )
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def _errors(validator: jsonschema.protocols.Validator, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_is_valid_against_the_jenkins_xsd_with_times_properties_and_curl(
    tmp_path: Path,
) -> None:
    path = tmp_path / "junit.xml"
    _feed(JunitReporter(path, faults=frozenset({"limit-unchecked"})), _events())
    xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(path)
    suite = ET.parse(path).getroot().find("testsuite")
    assert suite is not None
    assert suite.get("time") == "4.500"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", suite.get("timestamp", ""))
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["seed"] == "7"
    assert properties["target"] == "embedded emulator"
    assert properties["spec_version.contact"] == spec_infos(("contact",))[0].version
    assert "--fault limit-unchecked" in (properties["rerun"] or "")
    cases = {(c.get("classname"), c.get("name")): c for c in suite.iter("testcase")}
    failing = cases[(f"contact.{LIST}", "limit_bounds")]
    assert failing.get("time") == "0.036"  # the three responses it judged: 3 x 12 ms
    failure = failing.find("failure")
    assert failure is not None
    assert f"curl: {CURL}" in (failure.text or "")
    assert "aelyst-contract fuzz --replay abc123def456" in (failure.text or "")
    n_a = cases[(f"contact.{SEND}", "limit_bounds")].find("skipped")
    assert n_a is not None
    assert n_a.get("message", "").startswith("n/a")
    not_exercised = cases[(f"contact.{SEND}", "send_then_get")].find("skipped")
    assert not_exercised is not None
    assert not_exercised.get("message") == "not exercised: needs writes (--allow-writes)"


def test_the_junit_xsd_refuses_a_report_it_should(tmp_path: Path) -> None:
    """The validation above can fail: a testcase without a name is not JUnit."""
    path = tmp_path / "bad.xml"
    path.write_text(
        '<testsuites><testsuite name="s" tests="1" failures="0" errors="0">'
        "<testcase/></testsuite></testsuites>"
    )
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(path)


# --- HAR -------------------------------------------------------------------------------------


def test_har_is_valid_har_1_2_with_send_times_queries_mime_types_bytes_and_follow_ups(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fuzz.har"
    _feed(HarReporter(path), _events())
    har = json.loads(path.read_text())
    assert _errors(_har_validator(), har) == []
    entries = har["log"]["entries"]
    assert har["log"]["creator"]["version"] == "9.9.9"
    starts = [entry["startedDateTime"] for entry in entries]
    assert "2025-12-01T08:39:38.123Z" in starts
    assert "2025-12-01T08:39:38.373Z" in starts  # milliseconds, not seconds
    listed = next(e for e in entries if e["startedDateTime"] == "2025-12-01T08:39:38.123Z")
    assert listed["request"]["queryString"] == [
        {"name": "limit", "value": "51"},
        {"name": "tag", "value": "a b"},
    ]
    posts = [e["request"] for e in entries if e["request"]["method"] == "POST"]
    assert [p["postData"]["mimeType"] for p in posts] == [
        "multipart/form-data; boundary=xyz",
        "text/plain",
    ]
    assert posts[1]["bodySize"] == 9  # bytes of "ünïcode" in UTF-8 (7 characters)
    answered = next(e for e in entries if e["response"]["status"] == 500)
    assert answered["response"]["content"]["size"] == len("é boom".encode())
    (follow_up,) = [e for e in entries if "_initiator" in e]
    assert follow_up["request"]["url"] == PROBE_URL
    assert follow_up["_initiator"]["check"] == "paging_walk"
    assert follow_up["comment"].startswith("follow-up of paging_walk")
    assert follow_up["startedDateTime"] >= "2025-12-01T08:39:41.123Z"  # after its case


def test_har_shows_every_follow_up_with_its_answer_and_which_check_sent_it(
    tmp_path: Path,
) -> None:
    sent = f"{BASE}/contact/id%3A1/message/41"
    passing = FollowUp(
        "send_then_get",
        RecordedRequest("GET", sent, {"Authorization": "[REDACTED]"}, None, started_at=SENT_AT),
        RecordedResponse(200, {"content-type": "application/json"}, '{"id": "41"}', 4.5),
    )
    failing = FollowUp(
        "paging_walk",
        RecordedRequest("GET", PROBE_URL, {}, None, started_at=SENT_AT + 0.5),
        RecordedResponse(200, {"content-type": "application/json"}, '{"items": []}', 1.5),
        failed=True,
    )
    unanswered = FollowUp("paging_walk", RecordedRequest("GET", PROBE_URL, {}, None), None)
    case = CaseResult(
        api="contact",
        operation=LIST,
        phase="fuzzing",
        mode="positive",
        request=RecordedRequest("GET", f"{BASE}/contact/id%3A1/message/list", {}, None),
        response=RecordedResponse(200, {"content-type": "application/json"}, "{}", 2.0),
        outcomes=(
            CheckOutcome("send_then_get", passed=True),
            CheckOutcome(
                "paging_walk",
                passed=False,
                message="walking next returned messages more than once: ['7']",
                replay_id="probe0000001",
                probe=failing.request,
            ),
        ),
        follow_ups=(passing, failing, unanswered),
    )
    path = tmp_path / "fuzz.har"
    _feed(HarReporter(path), [_run_started(), case])
    har = json.loads(path.read_text())
    assert _errors(_har_validator(), har) == []
    main_entry, *follow_ups = har["log"]["entries"]
    assert "_initiator" not in main_entry
    assert [e["_initiator"]["check"] for e in follow_ups] == [
        "send_then_get",
        "paging_walk",
        "paging_walk",
    ]
    got, failed, lost = follow_ups
    assert got["request"]["url"] == sent
    assert got["startedDateTime"] == "2025-12-01T08:39:38.123Z"
    assert (got["response"]["status"], got["time"]) == (200, 4.5)
    assert got["response"]["content"]["text"] == '{"id": "41"}'
    assert got["comment"] == f"follow-up of send_then_get ({LIST})"
    assert got["_initiator"]["replay_id"] == ""
    assert failed["comment"].startswith(f"follow-up of paging_walk ({LIST}): its answer failed")
    assert failed["_initiator"]["replay_id"] == "probe0000001"
    assert failed["response"]["status"] == 200
    assert lost["response"]["status"] == 0  # no answer came
    assert "failed" not in lost["comment"]  # the failing probe is listed once, with its answer


def test_the_har_schema_refuses_an_entry_it_should() -> None:
    entry_without_request = {"startedDateTime": "2025-12-01T08:39:38.123Z", "time": 1}
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "x", "version": "1"},
            "entries": [entry_without_request],
        }
    }
    assert _errors(_har_validator(), har)


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_is_valid_and_points_at_the_operation_in_the_spec(tmp_path: Path) -> None:
    path = tmp_path / "fuzz.sarif"
    _feed(SarifReporter(path, root=CHECKOUT_ROOT), _events())
    sarif = json.loads(path.read_text())
    assert _errors(_sarif_validator(), sarif) == []
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["version"] == "9.9.9"
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {
        "limit_bounds",
        "paging_walk",
    }
    results = {r["ruleId"]: r for r in run["results"]}
    location = results["limit_bounds"]["locations"][0]["physicalLocation"]
    expected_uri = "spec/contact-messaging.yaml" if CHECKOUT_ROOT else CONTACT_SPEC_PATH.as_uri()
    assert location["artifactLocation"]["uri"] == expected_uri
    expected_line = _spec_line(CONTACT_SPEC_PATH, "/contact/{identifier}/message/list", "get")
    assert location["region"]["startLine"] == expected_line
    assert "2 of 3 responses" in results["limit_bounds"]["message"]["text"]


def test_sarif_schema_refuses_a_result_without_a_message() -> None:
    log = SarifLog("t", "1")
    log.add_rule("r", "a rule")
    document = log.to_dict()
    document["runs"][0]["results"] = [{"ruleId": "r"}]
    assert _errors(_sarif_validator(), document)


def test_yaml_locator_finds_keys_items_and_escaped_tokens(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "openapi: 3.1.0\n"
        "paths:\n"
        "  /a/{b}:\n"
        "    # a comment\n"
        "    get:\n"
        "      tags:\n"
        "        - one\n"
        "        - two\n"
        "  /x~y:\n"
        "    post: {}\n"
    )
    locator = YamlLocator()
    assert locator.line_of(spec, join_pointer("", "paths", "/a/{b}", "get")) == 5
    assert locator.line_of(spec, join_pointer("", "paths", "/a/{b}", "get", "tags", "1")) == 8
    assert locator.line_of(spec, join_pointer("", "paths", "/x~y", "post")) == 10
    assert locator.line_of(spec, join_pointer("", "paths", "/nowhere")) is None
    assert locator.line_of(spec, "") == 1


def test_artifact_uri_is_relative_inside_the_checkout_and_a_file_uri_outside(
    tmp_path: Path,
) -> None:
    inside = tmp_path / "spec" / "a.yaml"
    assert artifact_uri(inside, tmp_path) == "spec/a.yaml"
    assert artifact_uri(inside, tmp_path / "other") == inside.resolve().as_uri()
    with pytest.raises(ValueError, match="undeclared"):
        SarifLog("t", "1").add_result("missing", "no such rule")


# --- HTML ------------------------------------------------------------------------------------


def _parse_html(text: str) -> Any:
    """Strict HTML5 parsing: any parse error fails."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def test_html_report_is_valid_html5_with_the_run_heatmap_statuses_and_failures(
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.html"
    _feed(HtmlReporter(path, report_dir=tmp_path, faults=frozenset({"x"})), _events())
    text = path.read_text()
    document = _parse_html(text)
    assert HOSTILE not in text  # attacker-controlled bodies are escaped
    assert "&lt;script&gt;" in text
    assert document.find(".//script") is None
    assert not re.search(r"""(src|href)=["']?https?:""", text)  # nothing from the network
    page = _text(document)
    assert "6 cases, 3 failing" in page
    meta = document.find(".//dl[@class='meta']")
    terms = [_text(e) for e in meta.iter() if e.tag in ("dt", "dd")]
    facts = dict(zip(terms[::2], terms[1::2], strict=True))
    assert facts["Seed"] == "7"
    assert facts["Target"] == "embedded emulator"
    assert facts["Tool"] == "aelyst-contract 9.9.9"
    assert facts["Git commit"] == "abc123"
    assert spec_infos(("contact",))[0].sha256 in facts["Spec (contact)"]
    assert facts["Duration"] == "5.2 s"
    rerun = document.find(".//pre[@class='rerun']")
    assert _text(rerun) == (
        f"aelyst-contract fuzz --api contact --seed 7 --budget 5 --fault x --report-dir {tmp_path}"
    )
    heatmap = document.find(".//table[@id='heatmap-contact']")
    verdicts = {cell.get("data-verdict") for cell in heatmap.iter("td")}
    assert verdicts == {"pass", "fail", "n/a", "not exercised"}
    fail_cell = next(c for c in heatmap.iter("td") if c.get("data-verdict") == "fail")
    assert _text(fail_cell) in {"FAIL 2/3", "FAIL 1/1"}
    statuses = document.find(".//table[@id='statuses-contact']")
    send_row = next(r for r in statuses.iter("tr") if r.get("data-operation") == SEND)
    assert "500 x2" in _text(send_row)
    list_row = next(r for r in statuses.iter("tr") if r.get("data-operation") == LIST)
    assert "400 x1" in _text(list_row)
    assert "200, 400, 401, 404, 429, 500" in _text(list_row)
    failures = document.findall(".//details[@class='failure']")
    assert {_text(f.find("summary")).split(" ")[0] for f in failures} == {
        "limit_bounds",
        "paging_walk",
    }
    limit = next(f for f in failures if _text(f.find("summary")).startswith("limit_bounds"))
    assert _text(limit.find(".//pre[@class='curl']")) == CURL
    assert "--replay abc123def456" in _text(limit.find(".//pre[@class='replay']"))
    assert "limit=51" in _text(limit)


def test_strict_html_parsing_catches_broken_markup() -> None:
    with pytest.raises(html5lib.html5parser.ParseError):
        _parse_html("<!DOCTYPE html><html><body><p>unclosed <b></p></body></html>")


# --- summary.md and progress -----------------------------------------------------------------


def test_summary_says_statuses_budget_rerun_spec_and_tool_versions(tmp_path: Path) -> None:
    reporter = SummaryReporter(tmp_path / "summary.md", faults=frozenset({"x"}))
    _feed(reporter, _events())
    text = (tmp_path / "summary.md").read_text()
    version = spec_infos(("contact",))[0].version
    assert f"contact `contact-messaging.yaml` version {version}" in text
    assert "Tool: aelyst-contract 9.9.9, git commit `abc123`." in text
    assert "Budget: 5 generated examples per operation and phase;" in text
    assert (
        f"aelyst-contract fuzz --api contact --seed 7 --budget 5 --fault x --report-dir {tmp_path}"
        in text
    )
    assert f"| `{SEND}` | 2 | 200, 400, 401, 404, 429, 449, 500 | 500 x2 |" in text
    assert f"| `{LIST}` | 4 | 200, 400, 401, 404, 429, 500 | 200 x3, 400 x1 |" in text


def test_summary_marks_statuses_the_spec_does_not_document(tmp_path: Path) -> None:
    case = _list_case(fail=False)
    odd = CaseResult(**{**case.__dict__, "response": RecordedResponse(418, {}, "", 1.0)})
    reporter = SummaryReporter(tmp_path / "summary.md")
    _feed(reporter, [_run_started(), odd])
    assert "418 x1 **(undocumented)**" in (tmp_path / "summary.md").read_text()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_live_on_a_terminal_and_plain_lines_elsewhere() -> None:
    assert isinstance(progress_reporter(_Tty()), LiveProgressReporter)
    assert isinstance(progress_reporter(io.StringIO()), ProgressReporter)
    stream = _Tty()
    _feed(LiveProgressReporter(stream), _events())
    out = stream.getvalue()
    assert "FAIL limit_bounds on contact GET /contact/{identifier}/message/list" in out
    assert out.count("FAIL limit_bounds") == 1  # named once, when it first happens
    assert "FAIL paging_walk" in out
    assert "FAILED: 6 cases" in out


def test_live_progress_shows_time_left_of_a_time_budget() -> None:
    stream = _Tty()
    reporter = LiveProgressReporter(stream)
    reporter.handle(_run_started(max_time_s=60))
    reporter.handle(ApiStarted(api="contact", base_url=BASE, operations=(LIST,)))
    reporter.handle(PhaseChanged("contact", "fuzzing", finished=False))
    reporter.handle(_list_case(fail=True))
    reporter.close()
    out = stream.getvalue()
    assert "left" in out
    assert "fuzzing" in out


# --- a real run ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report_dir = tmp_path_factory.mktemp("reports")
    code = main(
        [
            "fuzz",
            "--api",
            "contact",
            "--budget",
            "2",
            "--seed",
            "3",
            "--fault",
            "paging-skips-item",
            "--quiet",
            "--report-dir",
            str(report_dir),
        ]
    )
    assert code == 1
    return report_dir


def test_a_real_run_writes_every_report_valid(real_run: Path) -> None:
    assert {p.name for p in real_run.iterdir()} >= {
        "report.html",
        "junit.xml",
        "fuzz.har",
        "fuzz.sarif",
        "replays.json",
        "summary.md",
    }
    xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(real_run / "junit.xml")
    har = json.loads((real_run / "fuzz.har").read_text())
    assert _errors(_har_validator(), har) == []
    sarif = json.loads((real_run / "fuzz.sarif").read_text())
    assert _errors(_sarif_validator(), sarif) == []
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["paging_walk"]


def test_a_real_run_s_html_report_matches_its_junit(real_run: Path) -> None:
    junit = ET.parse(real_run / "junit.xml").getroot()
    failing_cases = [
        (c.get("classname", "").removeprefix("contact."), c.get("name"))
        for c in junit.iter("testcase")
        if c.find("failure") is not None
    ]
    assert failing_cases == [(LIST, "paging_walk")]
    document = _parse_html((real_run / "report.html").read_text())
    summaries = [_text(d.find("summary")) for d in document.findall(".//details[@class='failure']")]
    assert summaries
    assert all(s.startswith(f"paging_walk on contact {LIST}") for s in summaries)
    page = _text(document)
    failing = re.search(r"(\d+) failing", page)
    assert failing is not None
    summary_md = (real_run / "summary.md").read_text()
    assert f"{failing.group(1)} failing cases" in summary_md
    statuses = document.find(".//table[@id='statuses-contact']")
    list_row = next(r for r in statuses.iter("tr") if r.get("data-operation") == LIST)
    assert re.search(r"\b200 x\d+", _text(list_row))
    har = json.loads((real_run / "fuzz.har").read_text())
    failing_follow_ups = [
        e for e in har["log"]["entries"] if "failed the check" in e.get("comment", "")
    ]
    assert failing_follow_ups
    assert all(e["_initiator"]["check"] == "paging_walk" for e in failing_follow_ups)


def test_a_real_run_s_har_has_every_follow_up_with_its_answer_and_no_credential(
    real_run: Path,
) -> None:
    text = (real_run / "fuzz.har").read_text()
    entries = json.loads(text)["log"]["entries"]
    follow_ups = [e for e in entries if "_initiator" in e]
    # A probing check that passed sent its follow-ups too: send_then_get reads each sent message.
    read_back = [e for e in follow_ups if e["_initiator"]["check"] == "send_then_get"]
    assert read_back
    assert all("failed the check" not in e["comment"] for e in read_back)
    assert {e["request"]["method"] for e in read_back} == {"GET"}
    assert {e["response"]["status"] for e in read_back} == {200}
    for entry in read_back:  # the message it read back, with the body the server sent
        message_id = json.loads(entry["response"]["content"]["text"])["messageId"]
        assert entry["request"]["url"].endswith(f"/message/{message_id}")
    assert all(e["comment"].startswith("follow-up of send_then_get (POST ") for e in read_back)
    assert all(e["response"]["status"] != 0 for e in follow_ups)
    assert all(e["time"] > 0 for e in follow_ups)
    # Redacted like the engine's own requests: the header masked, the value nowhere.
    authorizations = {
        header["value"]
        for e in follow_ups
        for header in e["request"]["headers"]
        if header["name"].lower() == "authorization"
    }
    assert authorizations == {"[REDACTED]"}
    config = EmulatorConfig.default()
    assert config.contact_token in {t.token for t in config.contact_tokens}
    for secret in [config.admin_token, *(t.token for t in config.contact_tokens)]:
        assert secret not in text


def test_html_bodies_are_indented_json_or_exactly_as_sent() -> None:
    assert readable_body('{"a":[1,"<b>"]}') == '{\n  "a": [\n    1,\n    "<b>"\n  ]\n}'
    assert readable_body("not json {") == "not json {"
    assert readable_body("") == ""


def test_characters_a_page_may_not_hold_are_shown_escaped() -> None:
    assert html_text("a\x00b\x85c\ufffed\t\n") == "a\\u{0000}b\\u{0085}c\\u{fffe}d\t\n"
    assert html_text("plain é ✓") == "plain é ✓"
    assert html_text(7) == 7
