"""The fuzz benchmark reads each tool's findings off its output, to time the first one a clean
run did not have (a tool's false positive is not the fault)."""

from __future__ import annotations

from aelyst_contract._bench_fuzz import _fuzz_findings, _Run, _schemathesis_findings
from aelyst_contract.fuzz._events import CaseResult, RecordedRequest
from aelyst_contract.fuzz._reporters import _failure_line

# An excerpt of `schemathesis run` 4.32.5 output against the emulator.
SCHEMATHESIS_OUTPUT = """\
 ❌  Coverage (in 1.54s)

     ✅ 3 passed  ❌ 3 failed

=================================== FAILURES ===================================
_________ GET /workspaces/{workspaceId}/channels/{channelId}/messages __________
1. Test Case ID: yuaYps

- ST202 Schema-valid request rejected

    Valid data should have been accepted
____________________ GET /workspaces/{workspaceId}/messages ____________________
1. Test Case ID: kG9pDV

- ST202 Schema-valid request rejected
- Server error

=================================== SUMMARY ====================================

- not a finding
"""


def _timed(text: str) -> list[tuple[float, str]]:
    return [(float(number), line) for number, line in enumerate(text.splitlines())]


def test_schemathesis_findings_are_the_failures_section_by_operation_and_check() -> None:
    findings = _schemathesis_findings(_timed(SCHEMATHESIS_OUTPUT))
    assert findings == {
        "GET /workspaces/{workspaceId}/channels/{channelId}/messages"
        " ST202 Schema-valid request rejected": 8.0,
        "GET /workspaces/{workspaceId}/messages ST202 Schema-valid request rejected": 14.0,
        "GET /workspaces/{workspaceId}/messages Server error": 15.0,
    }


def test_fuzz_findings_are_its_fail_lines_as_the_reporter_prints_them() -> None:
    event = CaseResult(
        api="channel",
        operation="GET /workspaces/{workspaceId}/messages",
        phase="fuzzing",
        mode="positive",
        request=RecordedRequest("GET", "http://127.0.0.1:9/workspaces/w/messages", {}, None),
        response=None,
        outcomes=(),
    )
    line = _failure_line(event, "paging_walk", "an item went missing\nmore")
    findings = _fuzz_findings([(0.5, "progress"), (2.0, f"  {line}"), (3.0, line)])
    assert findings == {"channel GET /workspaces/{workspaceId}/messages paging_walk": 2.0}


def test_the_first_report_skips_what_a_clean_run_also_reported() -> None:
    run = _Run(9.0, 100, 1, {"GET /a ST202": 1.0, "GET /a Server error": 4.0})
    assert run.first_new_finding_s({"GET /a ST202"}) == 4.0
    assert run.first_new_finding_s({"GET /a ST202", "GET /a Server error"}) is None
    assert run.first_new_finding_s(set()) == 1.0
