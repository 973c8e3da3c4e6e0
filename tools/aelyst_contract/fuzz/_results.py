"""schemathesis' recorded scenarios as `CaseResult`s: redacted requests and responses, each
check's word (pass, fail, not exercised), with a failure seen on a probe carrying the probe's own
request, curl line and replay id, and every follow-up the checks sent, with its answer."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from aelyst_contract.fuzz._events import (
    CaseResult,
    CheckOutcome,
    FollowUp,
    RecordedRequest,
    RecordedResponse,
)
from aelyst_contract.fuzz._exchange import ProbeExchange, ProbeRequest
from aelyst_contract.fuzz._redact import Redactor, curl_line
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._st_adapter import CaseNotes, case_notes
from aelyst_contract.fuzz._target import Target

__all__ = ["ResultMaker", "replay_id"]

# A refusal of one of these statuses, of a case the fixer could not make valid for the target,
# is not evidence against the server.
_SEMANTIC_REFUSALS = (400, 409, 422)


def replay_id(api: str, method: str, url: str, body: str | None) -> str:
    digest = hashlib.sha256(f"{api}\n{method}\n{url}\n{body or ''}".encode()).hexdigest()
    return digest[:12]


# One pass per check name: outcomes are frozen, and a run has tens of thousands of passes.
_PASSED: dict[str, CheckOutcome] = {}


def _passed(check: str) -> CheckOutcome:
    outcome = _PASSED.get(check)
    if outcome is None:
        outcome = _PASSED[check] = CheckOutcome(check=check, passed=True)
    return outcome


def _flat(headers: Any) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else str(v)) for k, v in headers.items() if v}


class ResultMaker:
    """Turns what the engine recorded for one API of one target into reportable results."""

    def __init__(self, api: ApiName, target: Target) -> None:
        self.api = api
        self.target = target
        self.redactor = Redactor(target.secrets)

    def curl(self, request: RecordedRequest | ProbeRequest) -> str:
        line = curl_line(
            request.method, request.url, request.headers, request.body, self.target.secret_env
        )
        return self.redactor.text(line)

    def shown(self, request: RecordedRequest | ProbeRequest) -> RecordedRequest:
        """The request as reports show it (credentials masked)."""
        redact = self.redactor
        return RecordedRequest(
            method=request.method,
            url=redact.text(request.url),
            headers=redact.headers(request.headers),
            body=redact.text(request.body) if request.body is not None else None,
            started_at=getattr(request, "started_at", 0.0),
        )

    def response(self, status: int, headers: Any, body: str, elapsed_ms: float) -> RecordedResponse:
        return RecordedResponse(
            status=status,
            headers=self.redactor.headers(_flat(headers)),
            body=self.redactor.text(body),
            elapsed_ms=round(elapsed_ms, 2),
        )

    def follow_ups(
        self, check: str, exchanges: Iterable[ProbeExchange], failing: ProbeRequest | None = None
    ) -> tuple[FollowUp, ...]:
        """The follow-ups one check sent, redacted like the case itself; the last answer to
        `failing` (the probe the check failed on) is marked as the one that failed it."""
        sent = list(exchanges)
        failed_at = max(
            (index for index, sent_one in enumerate(sent) if sent_one.request is failing),
            default=-1,
        )
        return tuple(
            FollowUp(
                check=check,
                request=replace(self.shown(exchange.request), started_at=exchange.started_at),
                response=None
                if exchange.response is None
                else self.response(
                    exchange.response.status,
                    exchange.response.headers,
                    exchange.response.body,
                    exchange.response.elapsed_ms,
                ),
                failed=index == failed_at,
            )
            for index, exchange in enumerate(sent)
        )

    def failure(
        self,
        check: str,
        request: RecordedRequest | ProbeRequest,
        title: str,
        message: str,
        probe: bool = False,
    ) -> CheckOutcome:
        return CheckOutcome(
            check=check,
            passed=False,
            title=self.redactor.text(title),
            message=self.redactor.text(message),
            curl=self.curl(request),
            replay_id=replay_id(self.api, request.method, request.url, request.body),
            probe=self.shown(request) if probe else None,
        )

    def _outcome(
        self, check: Any, notes: CaseNotes, case: Any, raw: RecordedRequest, status: int | None
    ) -> CheckOutcome | None:
        verdict = str(check.status.value)
        if verdict not in ("success", "failure", "error"):
            return None
        if verdict == "success":
            return _passed(check.name)
        unsure = notes.unsure.get(case.id)
        if check.name == "positive_data_acceptance" and unsure and status in _SEMANTIC_REFUSALS:
            # Valid by the spec's schema, but the fixer could not make it valid for this target
            # (a rule the schema cannot state, on a channel whose platform is not known).
            return CheckOutcome(check=check.name, passed=True, not_exercised=unsure)
        info = check.failure_info
        title = info.failure.title if info else "check crashed"
        message = info.failure.message if info else ""
        probe = notes.probes.get((case.id, check.name))
        if probe is not None:
            return self.failure(check.name, probe, title, message, probe=True)
        return self.failure(check.name, raw, title, message)

    def case_results(self, event: Any) -> list[CaseResult]:
        """The results of one finished scenario (a ScenarioFinished event)."""
        recorder = event.recorder
        results = []
        for case_id, node in recorder.cases.items():
            notes = case_notes.pop(case_id)
            interaction = recorder.interactions.get(case_id)
            if interaction is None:
                continue
            request = interaction.request
            body = request.body
            answer = interaction.response
            # schemathesis stamps an interaction once it is answered: it was sent that long before.
            elapsed_s = answer.elapsed if answer is not None else 0.0
            raw = RecordedRequest(
                method=request.method.upper(),
                url=request.uri,
                headers=_flat(request.headers),
                body=body.decode("utf-8", "replace") if isinstance(body, bytes) else body,
                started_at=interaction.timestamp - elapsed_s,
            )
            response = (
                None
                if answer is None
                else self.response(
                    answer.status_code,
                    answer.headers,
                    answer.text_lossy() if answer.content is not None else "",
                    answer.elapsed * 1000,
                )
            )
            case = node.value
            outcomes = [
                outcome
                for check in recorder.checks.get(case_id, [])
                if (
                    outcome := self._outcome(
                        check, notes, case, raw, response.status if response else None
                    )
                )
                is not None
            ]
            outcomes += [
                CheckOutcome(check=name, passed=True, not_exercised=reason)
                for (_, name), reason in notes.not_exercised.items()
            ]
            follow_ups = tuple(
                follow_up
                for (_, check_name), exchanges in notes.follow_ups.items()
                for follow_up in self.follow_ups(
                    check_name, exchanges, notes.probes.get((case_id, check_name))
                )
            )
            meta = case.meta
            results.append(
                CaseResult(
                    api=self.api,
                    operation=case.operation.label,
                    phase=str(event.phase.value),
                    mode=str(meta.generation.mode.value) if meta is not None else "",
                    request=self.shown(raw),
                    response=response,
                    outcomes=tuple(outcomes),
                    follow_ups=follow_ups,
                )
            )
        return results
