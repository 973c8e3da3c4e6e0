"""Pull the JSON examples out of the seed documents (rendered API-doc pages) and say what each is.

The seeds render each example as a JSON object whose opening brace stands alone on a line; seed 000
also has one inside its curl line. Which operation and status an example belongs to follows from
the seed and the example's shape: `{code, message}` bodies are error responses of status `code`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
COMMITTED_COPY = REPO_ROOT / "spec" / "seed-examples.json"

# seed file prefix -> (operationId, what its first non-error example is)
SEED_OPERATIONS = {
    "000": ("sendMessage", ["request", "200"]),
    "001": ("getMessage", ["200"]),
    "002": ("listMessages", ["200"]),
    "003": ("sendChannelMessage", []),  # seed 003 shows no JSON example
}


@dataclass(frozen=True)
class SeedExample:
    seed: str
    operation_id: str
    kind: str  # "request", or the response status code as a string
    value: Any

    def as_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "operationId": self.operation_id,
            "kind": self.kind,
            "value": self.value,
        }


def json_blocks(text: str) -> list[Any]:
    lines = text.splitlines()
    blocks: list[Any] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != "{":
            index += 1
            continue
        depth, end = 0, index
        for end in range(index, len(lines)):
            depth += lines[end].count("{") - lines[end].count("}")
            if depth == 0:
                break
        blocks.append(json.loads("\n".join(lines[index : end + 1])))
        index = end + 1
    return blocks


def extract(seed_path: Path) -> list[SeedExample]:
    prefix = seed_path.name[:3]
    operation_id, plain_kinds = SEED_OPERATIONS[prefix]
    text = seed_path.read_text(encoding="utf-8")
    examples: list[SeedExample] = []
    curl = re.search(r"--data '(\{.*\})'", text)
    if curl:
        examples.append(SeedExample(prefix, operation_id, "request", json.loads(curl.group(1))))
    kinds = iter(plain_kinds)
    for block in json_blocks(text):
        is_error = isinstance(block, dict) and set(block) == {"code", "message"}
        kind = str(block["code"]) if is_error else next(kinds)
        examples.append(SeedExample(prefix, operation_id, kind, block))
    return examples


def extract_all(seeds_dir: Path = SEEDS_DIR) -> list[SeedExample]:
    return [example for path in sorted(seeds_dir.glob("*.txt")) for example in extract(path)]


def committed() -> list[SeedExample]:
    rows = json.loads(COMMITTED_COPY.read_text(encoding="utf-8"))
    return [SeedExample(r["seed"], r["operationId"], r["kind"], r["value"]) for r in rows]


if __name__ == "__main__":  # refresh the committed copy: python -m tests.spec.seed_examples
    rows = [example.as_json() for example in extract_all()]
    COMMITTED_COPY.write_text(
        json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
