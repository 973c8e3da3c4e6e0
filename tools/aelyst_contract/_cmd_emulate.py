"""`aelyst-contract emulate`: serve both APIs from the stateful emulator until interrupted."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aelyst_contract._errors import CliError

if TYPE_CHECKING:
    from aelyst_contract.emulator import EmulatorConfig, Fault, RunningEmulator

__all__ = ["EmulateOptions", "emulate", "register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "emulate",
        help="serve the Contact and Channel Messaging APIs from the local stateful emulator",
        description=(
            "Serve both APIs (contact API under /v1, channel API under /workspaces, test controls "
            "under /_emulator) from a SQLite-backed emulator. Prints base URLs and credentials."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port; 8765)")
    parser.add_argument(
        "--db",
        default=":memory:",
        metavar="PATH|:memory:",
        help="SQLite file that keeps state across restarts (default :memory:)",
    )
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="JSON or TOML config (default: built-in)"
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="switch a fault on (repeatable); see --list-faults",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="base of the absolute URLs the emulator hands out (uploadUrl, mediaUrl, paging"
        " links), e.g. https://emu.example:8443; default: the listening address, or the Host"
        " of a trusted gateway (config trust_host_header)",
    )
    parser.add_argument("--list-faults", action="store_true", help="print the faults and exit")
    parser.add_argument(
        "--write-profile",
        type=Path,
        metavar="PATH",
        help="write the target profile of this emulator's world (for `fuzz --profile`)",
    )
    parser.set_defaults(handler=run)


@dataclass(frozen=True)
class EmulateOptions:
    host: str
    port: int
    db: str  # a SQLite file, or ":memory:"
    config: Path | None  # None: the built-in world
    faults: frozenset[Fault]
    write_profile: Path | None
    public_url: str | None = None


def _write_profile(path: Path, emu: RunningEmulator, config: EmulatorConfig) -> list[str]:
    """Write the emulator's profile; the lines that tell how to use it."""
    # Imported here: `emulate` alone never loads the fuzzer.
    from aelyst_contract.fuzz import emulator_profile, profile_toml  # noqa: PLC0415

    profile, env = emulator_profile(emu, config)
    text = profile_toml(
        profile,
        "Target profile of an aelyst-contract emulator (written by `emulate --write-profile`).\n"
        "Secrets are not in this file: export the variables it names, then\n"
        f"  aelyst-contract fuzz --profile {path}",
    )
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"--write-profile: cannot write {path}: {error.strerror}") from error
    exports = " ".join(f"{name}={value}" for name, value in env.items())
    return [f"profile written to {path}; its credentials: export {exports}"]


def _options(args: argparse.Namespace) -> EmulateOptions:
    from aelyst_contract.emulator import Fault  # noqa: PLC0415

    known = {fault.value: fault for fault in Fault}
    unknown = sorted(set(args.fault) - known.keys())
    if unknown:
        raise CliError(f"unknown fault(s): {', '.join(unknown)} (see --list-faults)")
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be 0..65535, not {args.port}")
    return EmulateOptions(
        host=args.host,
        port=args.port,
        db=args.db,
        config=args.config,
        faults=frozenset(known[name] for name in args.fault),
        write_profile=args.write_profile,
        public_url=args.public_url,
    )


def run(args: argparse.Namespace) -> int:
    from aelyst_contract.emulator import Fault  # noqa: PLC0415

    if args.list_faults:
        for fault in Fault:
            print(f"{fault.value}: {fault.description}")
        return 0
    return emulate(_options(args))


def emulate(options: EmulateOptions) -> int:
    # Imported here: the CLI's start (and `--help`) never loads the emulator.
    from aelyst_contract.emulator import (  # noqa: PLC0415
        ConfigError,
        EmulatorConfig,
        StoreError,
        bind_socket,
        create_app,
        load_config,
        serve_emulator,
    )

    try:
        config = EmulatorConfig.default() if options.config is None else load_config(options.config)
    except ConfigError as error:
        raise CliError(str(error)) from error
    if options.public_url is not None:
        try:
            config = config.with_public_url(options.public_url)
        except ConfigError as error:
            raise CliError(f"--public-url: {error}") from error
    if options.db != ":memory:":
        parent = Path(options.db).parent
        if not parent.is_dir():
            raise CliError(f"--db: no such directory: {parent}")
    try:
        app = create_app(config, db_path=options.db, faults=options.faults)
    except StoreError as error:
        raise CliError(str(error)) from error
    try:
        sock = bind_socket(options.host, options.port)
    except OSError as error:
        raise CliError(
            f"cannot listen on {options.host}:{options.port}: {error.strerror}"
        ) from error

    def listening(emu: RunningEmulator) -> None:
        # Local dev credentials of this emulator (not secrets of any real service).
        lines = [
            f"emulator listening on {emu.base_url} (db: {options.db})",
            f"contact API: {emu.contact_base_url}  Authorization: Bearer {emu.contact_token}",
            f"channel API: {emu.channel_base_url}  Authorization: AccessKey {emu.access_key}",
            f"  workspace {emu.workspace_id}; channels: "
            + ", ".join(f"{k}={v}" for k, v in emu.channel_ids_by_name.items()),
            f"  other workspace {emu.other_workspace_id}  AccessKey {emu.other_access_key}",
            f"admin: {emu.admin_url}  Authorization: Bearer {emu.admin_token}",
            f"faults: {', '.join(sorted(emu.app.state.faults.active)) or 'none'}",
        ]
        if options.write_profile is not None:
            lines += _write_profile(options.write_profile, emu, config)
        print("\n".join(lines), flush=True)
        # The group-commit writer thread and the event loop share the GIL; the default 5 ms
        # switch interval makes every write wait for the loop's time slice (a convoy). This
        # process is ours.
        sys.setswitchinterval(0.0005)

    serve_emulator(app, sock, options.host, on_listening=listening)
    print("emulator stopped", file=sys.stderr)
    return 0
