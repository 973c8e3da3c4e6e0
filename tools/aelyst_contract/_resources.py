"""Where the files the tool reads at run time live.

In a checkout, `spec/` and `generated/` are their one source of truth. An installed wheel carries
copies made at build time under `aelyst_contract/_data/` (pyproject's `force-include`), found here
through `importlib.resources`; nobody keeps a second copy by hand.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["CHECKOUT_ROOT", "DATA_DIR", "generated_dir"]


def _checkout_root() -> Path | None:
    """The repository this package runs from (source or editable install), if it does."""
    root = Path(__file__).resolve().parents[2]
    marker = root / "spec" / "contact-messaging.yaml"
    return root if marker.is_file() and (root / "pyproject.toml").is_file() else None


def _data_dir() -> Path:
    packaged = resources.files(__package__ or "aelyst_contract").joinpath("_data")
    if packaged.is_dir():
        return Path(str(packaged))
    if CHECKOUT_ROOT is None:  # pragma: no cover - a broken install
        raise RuntimeError("aelyst_contract: neither packaged data nor a checkout was found")
    return CHECKOUT_ROOT


CHECKOUT_ROOT = _checkout_root()
# Holds `spec/*.yaml` and `generated/{templates/,config-*.yaml}`.
DATA_DIR = _data_dir()


def generated_dir() -> Path:
    """Where the client projects live by default: the checkout's `generated/`, else
    `./generated`."""
    return CHECKOUT_ROOT / "generated" if CHECKOUT_ROOT is not None else Path.cwd() / "generated"
