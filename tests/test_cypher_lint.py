"""Every Cypher statement the project sends, checked by Neo4j's own parser (npm
``@neo4j-cypher/language-support``, which ``tests/run.sh`` installs into ``.cache/node``):
no syntax error and no deprecation for Neo4j 5. The local server accepts shapes Neo4j
rejects (``size((n)-->())``), so passing on the local server proves nothing about Neo4j.

Linted: the graph store's statements (:func:`graph.neo4j_store.statements`), the
constraint statements, the body of every audit (``queries/cypher/*.cypher``) and every
``*.cypher`` file under ``ui/`` (the app's read queries).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT

from graph.neo4j_store import statements
from queries import list_audits

NODE_MODULES = ROOT / ".cache" / "node" / "node_modules"
LINTER = ROOT / "tests" / "lint" / "cypher_lint.cjs"
NODE = shutil.which("node")
_INSTALLED = (NODE_MODULES / "@neo4j-cypher" / "language-support").is_dir()
# As with the browser test: skipped (and saying so) on a machine without the linter,
# a failure in CI, where tests/run.sh installs it.
_IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(
    not (NODE and _INSTALLED) and not _IN_CI,
    reason="Neo4j's Cypher linter is not installed (bash tests/run.sh installs it)",
)


def lint(queries: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    """Diagnostics per statement name, from Neo4j's linter."""
    assert NODE, "node is not installed"
    payload = json.dumps([{"name": k, "query": q} for k, q in queries.items()])
    proc = subprocess.run(
        [NODE, str(LINTER)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        check=True,
    )
    return {r["name"]: r["diagnostics"] for r in json.loads(proc.stdout)}


def project_statements() -> dict[str, str]:
    """Every statement the project sends, by where it comes from."""
    out = {f"graph:{name}": q for name, q in statements().items()}
    for audit in list_audits():
        if audit.cypher:
            out[f"audit:{audit.name}"] = audit.cypher
    for path in sorted((ROOT / "ui").rglob("*.cypher")):
        out[f"ui:{path.relative_to(ROOT)}"] = path.read_text(encoding="utf-8")
    return out


def test_the_linter_finds_what_neo4j_rejects() -> None:
    """The check can fail: shapes ArcadeDB runs and Neo4j 5 refuses or deprecates."""
    found = lint({
        "size-pattern": "MATCH (n) RETURN size((n)-->()) AS degree",
        "exists-property": "MATCH (n) WHERE exists(n.name) RETURN n",
        "id-function": "MATCH (n) RETURN id(n) AS i",
        "syntax": "MATCH (n RETURN n",
        "fine": "MATCH (n:Org {name: $name}) RETURN n.name AS name",
    })  # fmt: skip
    assert [d["severity"] for d in found["size-pattern"]] == [1]
    assert [d["severity"] for d in found["exists-property"]] == [1]
    assert [d["severity"] for d in found["id-function"]] == [2]  # a deprecation
    assert found["syntax"] and found["syntax"][0]["severity"] == 1
    assert found["fine"] == []


def test_every_statement_the_project_sends_is_clean_neo4j_5() -> None:
    queries = project_statements()
    assert sum(k.startswith("graph:") for k in queries) >= 50
    assert sum(k.startswith("audit:") for k in queries) >= 10
    flagged = {name: diags for name, diags in lint(queries).items() if diags}
    assert flagged == {}
