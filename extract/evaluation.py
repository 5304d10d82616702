"""Scoring the extractor against a hand-labelled set of (task, org, role) triples.

The labelled file format (see ``tests/labelled/gold.txt``)::

    @ FILE FIRST_LINE LAST_LINE free text
    snippet of the task's text | L 市财政局; R 各县（市、区）政府; A 市妇联

Inside a scope every task is listed, so a triple the extractor finds there that the
labels lack is a false positive. Organisations are compared after resolution, so
``市发改委`` and ``市发展改革委`` are the same label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.models import Document
from extract.org_names import jurisdiction_of, resolve_org

__all__ = ["GoldScope", "GoldTask", "Score", "load_gold", "score"]

_ROLES = {"L": "lead", "R": "responsible", "A": "assist"}


@dataclass
class GoldTask:
    snippet: str
    owners: list[tuple[str, str]]  # (mention, role)


@dataclass
class GoldScope:
    file: str
    first: int
    last: int
    note: str
    tasks: list[GoldTask] = field(default_factory=list)


@dataclass
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0


def load_gold(path: Path) -> list[GoldScope]:
    """Parse a labelled file into scopes."""
    scopes: list[GoldScope] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            parts = line[1:].split(maxsplit=3)
            scopes.append(GoldScope(parts[0], int(parts[1]), int(parts[2]),
                                    parts[3] if len(parts) > 3 else ""))
            continue
        snippet, _, owners = line.partition("|")
        pairs = []
        for item in owners.split(";"):
            item = item.strip()
            if item:
                role, _, mention = item.partition(" ")
                pairs.append((mention.strip(), _ROLES[role]))
        scopes[-1].tasks.append(GoldTask(snippet.strip(), pairs))
    return scopes


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def score(documents: list[Document], scopes: list[GoldScope]) -> Score:
    """Compare extracted tasks with the labels, triple by triple.

    A predicted task belongs to a scope when its first line is inside it; it is
    matched to the labelled task whose snippet its text contains.
    """
    tp = fp = fn = 0
    missed: list[str] = []
    spurious: list[str] = []
    for scope in scopes:
        predicted = [
            (doc, task) for doc in documents for task in doc.tasks
            if Path(task.source.file).name == scope.file
            and scope.first <= task.source.line_start <= scope.last
        ]
        used: set[str] = set()
        for gold in scope.tasks:
            match = next(((d, t) for d, t in predicted
                          if t.id not in used and _squash(gold.snippet) in _squash(t.text)),
                         None)
            if match is None:
                fn += len(gold.owners)
                missed.extend(f"{gold.snippet}: {m} {r} (task not found)" for m, r in gold.owners)
                continue
            doc, task = match
            used.add(task.id)
            place = jurisdiction_of(doc.issuer)
            want = {(resolve_org(m, place).name, r) for m, r in gold.owners}
            got = {(a.org.name, a.role) for a in task.assignments}
            tp += len(want & got)
            fn += len(want - got)
            fp += len(got - want)
            missed.extend(f"{gold.snippet}: {o} {r}" for o, r in sorted(want - got))
            spurious.extend(f"{gold.snippet}: {o} {r}" for o, r in sorted(got - want))
        for _doc, task in predicted:
            if task.id not in used:
                fp += len(task.assignments)
                spurious.extend(f"{task.text[:20]} (unlabelled task): {a.org.name} {a.role}"
                                for a in task.assignments)
    return Score(tp, fp, fn, missed, spurious)
