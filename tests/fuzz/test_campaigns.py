"""Campaigns: `fuzz --shard K/N` against one emulator, `report merge`, and the shared example
database on a real Redis server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from aelyst_contract._cmd_emulate import _write_profile
from aelyst_contract.cli import main
from aelyst_contract.emulator import EmulatorConfig, running_emulator
from aelyst_contract.fuzz._event_log import EVENT_LOG, EventLogReporter, read_event_log
from aelyst_contract.fuzz._events import CaseResult, RunFinished, RunStarted
from aelyst_contract.fuzz._example_db import example_database, parse_example_db
from aelyst_contract.fuzz._stored_failures import REDIS_KEY, REPLAY_PHASE
from aelyst_contract.fuzz._tally import Tally

SEED = "7"
SHARDS = 3
# Engine phases and the rate-limit probe; "settle" results belong to the case that deferred them.
_PHASES = {"examples", "coverage", "fuzzing", "stateful", "rate-limit"}


@pytest.fixture(scope="module")
def emulator_profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """ONE emulator for every run of the module, described by the profile it writes (its
    controls included, so a run through it is what an embedded run is)."""
    config = EmulatorConfig.default()
    with running_emulator(config) as emu:
        path = tmp_path_factory.mktemp("profile") / "emulator.toml"
        (said,) = _write_profile(path, emu, config)
        exports = dict(word.split("=", 1) for word in said.split("export ", 1)[1].split())
        with pytest.MonkeyPatch.context() as patch:
            for name, value in exports.items():
                patch.setenv(name, value)
            yield path


@pytest.fixture(scope="module")
def campaign(
    emulator_profile: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Path], int]:
    """The default run, whole and as three shards, all with the same seed on the same emulator;
    and the whole run's exit code."""
    root = tmp_path_factory.mktemp("campaign")
    args = ["fuzz", "--profile", str(emulator_profile), "--seed", SEED, "--quiet"]
    whole_code = main([*args, "--report-dir", str(root / "whole")])
    shards = []
    for index in range(1, SHARDS + 1):
        shard_dir = root / f"shard{index}"
        code = main([*args, "--shard", f"{index}/{SHARDS}", "--report-dir", str(shard_dir)])
        assert code in (0, 1)
        shards.append(shard_dir)
    return root / "whole", shards, whole_code


def _cases(report_dir: Path) -> list[CaseResult]:
    events = read_event_log(report_dir / EVENT_LOG)
    return [event for event in events if isinstance(event, CaseResult)]


def _units(report_dir: Path) -> Counter[tuple[str, str, str]]:
    return Counter(
        (case.api, case.operation, case.phase)
        for case in _cases(report_dir)
        if case.phase in _PHASES
    )


def _verdicts(report_dir: Path) -> dict[tuple[str, str, str], str]:
    tally = Tally()
    for event in read_event_log(report_dir / EVENT_LOG):
        tally.handle(event)
    return {
        (api, operation, check): tally.verdict(api, operation, check)
        for api in ("contact", "channel")
        for operation in tally.operations(api)
        for check in tally.checks(api)
    }


def test_shards_partition_the_run_s_work(campaign: tuple[Path, list[Path], int]) -> None:
    """Every (API, operation, phase) of the whole run is run by exactly one shard, and no shard
    runs anything the whole run does not: no case twice."""
    whole, shards, _ = campaign
    units = _units(whole)
    assert {phase for _, _, phase in units} >= {"examples", "coverage", "fuzzing", "stateful"}
    owners: dict[tuple[str, str, str], list[int]] = {}
    for index, shard in enumerate(shards, 1):
        for unit in _units(shard):
            owners.setdefault(unit, []).append(index)
    assert set(owners) == set(units)
    assert {unit: found for unit, found in owners.items() if len(found) != 1} == {}
    # Each shard did a share, and says which shard it is.
    for index, shard in enumerate(shards, 1):
        (run,) = [e for e in read_event_log(shard / EVENT_LOG) if isinstance(e, RunStarted)]
        assert run.shard == f"{index}/{SHARDS}"
        cases = _cases(shard)
        assert cases
        assert {case.shard for case in cases} == {run.shard}
    # The API-wide work (stateful, the once-a-run probes) is one shard's per API.
    for api in ("contact", "channel"):
        stateful = {i for (a, _, phase), found in owners.items() if a == api for i in found
                    if phase in ("stateful", "rate-limit")}  # fmt: skip
        assert len(stateful) == 1


def test_shards_judge_every_operation_and_check_as_the_whole_run(
    campaign: tuple[Path, list[Path], int], tmp_path: Path
) -> None:
    whole, shards, whole_code = campaign
    merged = tmp_path / "merged"
    code = main(["report", "merge", *map(str, shards), "--out", str(merged)])
    assert code == whole_code == 0
    merged_verdicts, whole_verdicts = _verdicts(merged), _verdicts(whole)
    assert len(whole_verdicts) > 100
    assert merged_verdicts == whole_verdicts
    # The merged reports are a single run's: every report, from the same reporters.
    assert {p.name for p in merged.iterdir()} == {p.name for p in whole.iterdir()}

    def junit(report_dir: Path) -> dict[tuple[str | None, str | None], str]:
        root = ET.parse(report_dir / "junit.xml").getroot()
        return {
            (case.get("classname"), case.get("name")): next(
                (child.tag for child in case if child.tag in ("failure", "skipped")), "pass"
            )
            for case in root.iter("testcase")
        }

    assert junit(merged) == junit(whole)
    events = read_event_log(merged / EVENT_LOG)
    finished = events[-1]
    assert isinstance(finished, RunFinished)
    assert finished.cases == sum(len(_cases(shard)) for shard in shards)
    assert "Result: **passed**" in (merged / "summary.md").read_text(encoding="utf-8")


def test_a_merged_failure_names_its_shard_and_fails_the_campaign(
    emulator_profile: Path, tmp_path: Path
) -> None:
    """With a fault on, the shard whose work finds it fails, and so does the merged campaign;
    replays.json and summary.md say which shard found each failure."""
    fault = ["--fault", "paging-skips-item"]
    # A fault needs the embedded emulator: every shard gets its own, with the same fault.
    args = ["fuzz", "--api", "contact", "--budget", "2", "--seed", "3", "--quiet", *fault]
    codes = [
        main([*args, "--shard", f"{k}/2", "--report-dir", str(tmp_path / str(k))]) for k in (1, 2)
    ]
    assert 1 in codes
    merged = tmp_path / "merged"
    assert (
        main(["report", "merge", str(tmp_path / "2"), str(tmp_path / "1"), "--out", str(merged)])
        == 1
    )
    replays = json.loads((merged / "replays.json").read_text(encoding="utf-8"))
    assert replays
    assert {entry["shard"] for entry in replays.values()} <= {"1/2", "2/2"}
    summary = (merged / "summary.md").read_text(encoding="utf-8")
    assert "Result: **FAILED**" in summary
    assert "--fault paging-skips-item" in summary  # the campaign's rerun command keeps the fault
    assert ", shard " in summary


def _log(report_dir: Path, *, seed: int = 1, budget: str = "25", shard: str = "1/2") -> Path:
    reporter = EventLogReporter(report_dir / EVENT_LOG)
    reporter.handle(
        RunStarted(
            apis=("contact",), target="t", seed=seed, budget="b", budget_arg=budget, shard=shard
        )
    )
    reporter.handle(RunFinished(elapsed_s=1.0, cases=0, failures=0, problems=0))
    reporter.close()
    return report_dir


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: [tmp / "nowhere", _log(tmp / "b", shard="2/2")], "no such report directory"),
        (lambda tmp: [_log(tmp / "a"), tmp], f"no {EVENT_LOG}"),
        (lambda tmp: [_log(tmp / "a"), _log(tmp / "b", seed=2, shard="2/2")], "seed 2 != 1"),
        (
            lambda tmp: [_log(tmp / "a"), _log(tmp / "b", budget="60s", shard="2/2")],
            "budget 60s != 25",
        ),
        (lambda tmp: [_log(tmp / "a")], "shard 2/2 missing"),
        (lambda tmp: [_log(tmp / "a"), _log(tmp / "b")], "shard 1/2 given twice"),
        (lambda tmp: [_log(tmp / "a", shard=""), _log(tmp / "b", shard="2/2")], "a whole run"),
    ],
)
def test_merging_what_is_not_one_campaign_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    dirs = make(tmp_path)  # type: ignore[operator]
    assert main(["report", "merge", *map(str, dirs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1


# --- the shared example database on a real Redis server --------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed (.ci/run installs it)")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)
        for _ in range(100):  # ready once it answers
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _first_failure(report_dir: Path) -> tuple[int, str] | None:
    """The position in the run (1: its first case) and the phase of its first failing case."""
    for position, case in enumerate(_cases(report_dir), 1):
        if case.failed:
            return position, case.phase
    return None


def test_failing_examples_are_shared_through_redis_and_replayed_first(
    redis_url: str, tmp_path: Path
) -> None:
    import redis

    fault = ["--api", "channel", "--fault", "unicode-500", "--quiet"]
    db = ["--example-db", redis_url]
    # A first run finds the fault and stores what failed: the requests, and hypothesis' choices
    # (it stops at the first failure: the storing is what is tested here).
    first_run = ["fuzz", *fault, *db, "--seed", "1", "--max-failures", "1"]
    assert main([*first_run, "--report-dir", str(tmp_path / "1")]) == 1
    assert _problems(tmp_path / "1") == 0
    client = redis.Redis.from_url(redis_url)
    stored = client.hgetall(REDIS_KEY)
    assert stored
    # Whether hypothesis itself saves an example depends on which phase met the fault first (its
    # draws even depend on the modules loaded so far): the stored requests are what is replayed.
    # Its database's wiring is tested on its own below.
    assert {json.loads(entry)["checks"][0] for entry in stored.values()} >= {"not_a_server_error"}
    # A later run with another seed and a tiny budget: its very first case is a stored failure,
    # sent again and failing again.
    later = ["fuzz", *fault, "--seed", "4", "--budget", "1"]
    assert main([*later, *db, "--report-dir", str(tmp_path / "with-db")]) == 1
    assert _first_failure(tmp_path / "with-db") == (1, REPLAY_PHASE)
    first = _cases(tmp_path / "with-db")[0]
    assert [o.check for o in first.outcomes if o.status == "fail"] == ["not_a_server_error"]
    # The same run without the database replays nothing, and gets to the fault later if at all.
    main([*later, "--report-dir", str(tmp_path / "without")])
    without = _first_failure(tmp_path / "without")
    assert without is None or without[0] > 1
    assert REPLAY_PHASE not in {case.phase for case in _cases(tmp_path / "without")}
    run = next(
        e for e in read_event_log(tmp_path / "with-db" / EVENT_LOG) if isinstance(e, RunStarted)
    )
    assert run.example_db == redis_url  # no credentials in it to hide


def _problems(report_dir: Path) -> int:
    (finished,) = [e for e in read_event_log(report_dir / EVENT_LOG) if isinstance(e, RunFinished)]
    return finished.problems


@pytest.mark.parametrize("profile", ["default", "ci"])
def test_an_example_db_works_under_each_hypothesis_profile(profile: str, tmp_path: Path) -> None:
    """With CI set, hypothesis loads its `ci` profile (derandomize=True), which refuses an
    example database: every generating phase of a CI run with --example-db was an engine
    problem."""
    from hypothesis import settings

    previous = settings.get_current_profile_name()
    settings.load_profile(profile)
    try:
        args = ["fuzz", "--api", "contact", "--budget", "2", "--seed", "3", "--quiet"]
        db = ["--example-db", str(tmp_path / "db")]
        code = main([*args, *db, "--report-dir", str(tmp_path / "r")])
    finally:
        settings.load_profile(previous)
    assert _problems(tmp_path / "r") == 0
    assert code == 0


def test_the_example_db_is_hypothesis_database_while_a_run_uses_it(redis_url: str) -> None:
    import redis
    from hypothesis import settings

    before = settings().database
    with example_database(parse_example_db(redis_url)):
        database = settings().database
        assert database is not None
        database.save(b"wiring-probe", b"value")
    assert settings().database == before  # the run's database does not outlive it
    client = redis.Redis.from_url(redis_url)
    assert any(b"wiring-probe" in key for key in client.scan_iter())


def test_a_directory_example_db_keeps_failing_requests_too(tmp_path: Path) -> None:
    fault = ["--api", "channel", "--fault", "unicode-500", "--quiet"]
    db = ["--example-db", str(tmp_path / "db")]
    first = ["fuzz", *fault, *db, "--seed", "1", "--max-failures", "1"]
    assert main([*first, "--report-dir", str(tmp_path / "1")]) == 1
    assert _problems(tmp_path / "1") == 0
    assert list((tmp_path / "db" / "failing-requests").glob("*.json"))
    later = ["fuzz", *fault, *db, "--seed", "5", "--budget", "1"]
    assert main([*later, "--report-dir", str(tmp_path / "2")]) == 1
    assert _first_failure(tmp_path / "2") == (1, REPLAY_PHASE)


def test_without_an_example_db_nothing_is_written_outside_the_report_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report_dir = tmp_path / "reports"
    args = ["fuzz", "--api", "contact", "--budget", "1", "--seed", "2", "--quiet"]
    assert main([*args, "--report-dir", str(report_dir)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


def test_a_fresh_process_keeps_hypothesis_caches_out_of_the_current_directory(
    tmp_path: Path,
) -> None:
    """In a new process hypothesis writes its unicode tables and the constants of local source
    files under `.hypothesis/` in the current directory; a run keeps them in the user's cache.
    (In-process tests cannot see this: hypothesis fixes the directory when it is imported.)"""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_STORAGE_DIRECTORY"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    work = tmp_path / "work"
    work.mkdir()
    args = ["fuzz", "--api", "contact", "--budget", "1", "--seed", "2", "--quiet"]
    done = subprocess.run(
        [sys.executable, "-m", "aelyst_contract", *args, "--report-dir", "reports"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [p.name for p in work.iterdir()] == ["reports"]
    assert list((tmp_path / "cache" / "aelyst-contract" / "hypothesis").iterdir())


def test_a_time_budget_gives_every_operation_the_default_run_and_then_more(
    tmp_path: Path,
) -> None:
    args = ["fuzz", "--api", "contact", "--seed", "9", "--quiet"]
    assert main([*args, "--report-dir", str(tmp_path / "default")]) == 0
    assert main([*args, "--budget", "20s", "--report-dir", str(tmp_path / "timed")]) == 0
    default, timed = _units(tmp_path / "default"), _units(tmp_path / "timed")
    short = {
        unit: (count, timed[unit])
        for unit, count in default.items()
        if unit[2] in ("examples", "coverage", "fuzzing") and timed[unit] < count
    }
    assert short == {}
    fuzzing = sum(n for (_, _, phase), n in default.items() if phase == "fuzzing")
    assert sum(n for (_, _, phase), n in timed.items() if phase == "fuzzing") > fuzzing
    run = next(
        e for e in read_event_log(tmp_path / "timed" / EVENT_LOG) if isinstance(e, RunStarted)
    )
    assert run.max_time_s == 20
    assert run.budget_arg == "20s"


def test_an_unreachable_example_db_is_one_line_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"redis://127.0.0.1:{_free_port()}/0"  # nothing listens there
    args = ["fuzz", "--api", "contact", "--quiet", "--example-db", url]
    assert main([*args, "--report-dir", str(tmp_path / "reports")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"aelyst-contract fuzz: --example-db {url}: ")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "reports" / EVENT_LOG).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shard", "4/3"], "--shard 4/3: K must be between 1 and N"),
        (["--shard", "two"], "--shard must be K/N"),
        (["--example-db", "http://cache:6379"], "--example-db must be redis://HOST:PORT/N"),
    ],
)
def test_bad_campaign_options_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["fuzz", *args, "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1
