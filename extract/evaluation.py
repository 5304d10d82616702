"""Scoring the extractor against hand-labelled tasks.

Two line formats share one file syntax (``tests/labelled/gold.txt`` uses the first,
``tests/labelled/other_gold.txt`` the second)::

    @ FILE FIRST_LINE LAST_LINE free text
    snippet of the task's text | L 市财政局; R 各县（市、区）政府; A 市妇联
    snippet of the task's text | L 市财政局; A 市妇联 | 2021-06-30; open | fields

A ``@`` line opens a scope: inside it EVERY task is listed, so a task or triple the
extractor finds there that the labels lack is a false positive. The owners column is
``-`` for a task that names none. The optional deadline column holds ISO dates,
``open`` and ``recurring`` (``-`` for none); the layout column is one of
:data:`LAYOUTS`. A two-column line labels no deadline and no layout: its deadlines are
not scored and its layout counts as ``unlabelled``.

What is measured, overall, per document (scope file) and per layout:

- tasks found: labelled tasks matched by a predicted task / labelled tasks;
- edges: precision, recall and F1 over (task, resolved organisation, role) triples;
- deadlines: precision and recall over (task, deadline token).

A predicted task belongs to a scope when its first line is inside it; it matches the
first unused labelled task whose snippet occurs in its text (both normalised with
:func:`extract.normalize.normalize_line`, whitespace removed). Organisations are compared
after :func:`extract.org_names.resolve_org` with the document's jurisdiction, so
``市发改委`` and ``市发展改革委`` are one label. A labelled task's misses are counted under
its own layout; a predicted task that matches nothing is counted under the layout of the
reader that produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extract.models import Deadline, Document, Task
from extract.normalize import normalize_line
from extract.org_names import jurisdiction_of, resolve_org, unplaced_jurisdiction

__all__ = [
    "DEADLINE_WORDS",
    "LAYOUTS",
    "ROLE_CODES",
    "UNLABELLED",
    "GoldScope",
    "GoldTask",
    "Score",
    "check_snippets",
    "deadline_token",
    "load_gold",
    "parse_gold",
    "score",
]

ROLE_CODES = {"L": "lead", "R": "responsible", "A": "assist"}
LAYOUTS = ("table", "fields", "brackets", "prose", "org_heading", "item")
DEADLINE_WORDS = ("open", "recurring")
UNLABELLED = "unlabelled"  # the layout bucket of two-column labels
_NONE = "-"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class GoldTask:
    """One labelled task.

    ``deadlines`` is ``None`` when the line labels none (two-column format), ``[]``
    when it says there is no deadline; ``layout`` is ``None`` when unlabelled.
    ``line`` is the task's line in the labelled file.
    """

    snippet: str
    owners: list[tuple[str, str]]  # (mention, role)
    deadlines: list[str] | None = None
    layout: str | None = None
    line: int = 0


@dataclass
class GoldScope:
    file: str
    first: int
    last: int
    note: str
    tasks: list[GoldTask] = field(default_factory=list)


@dataclass
class Score:
    """Counts for one slice (overall, one document or one layout).

    ``missed`` and ``spurious`` say what to fix, one entry per triple or task:
    ``FILE (label line N) snippet: org role`` for a labelled task,
    ``FILE:LINE text (unlabelled task): org role`` for a predicted one.
    ``by_document`` and ``by_layout`` are filled on the overall score only.
    """

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    tasks_gold: int = 0
    tasks_matched: int = 0
    tasks_unmatched: int = 0  # predicted tasks in a scope that match no label
    tasks_dated: int = 0  # labelled tasks whose deadlines are labelled (even as none)
    deadline_true_positives: int = 0
    deadline_false_positives: int = 0
    deadline_false_negatives: int = 0
    by_document: dict[str, Score] = field(default_factory=dict)
    by_layout: dict[str, Score] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def tasks_found(self) -> float:
        """Share of labelled tasks that a predicted task matched."""
        return _ratio(self.tasks_matched, self.tasks_gold)

    @property
    def deadline_precision(self) -> float:
        tp = self.deadline_true_positives
        return _ratio(tp, tp + self.deadline_false_positives)

    @property
    def deadline_recall(self) -> float:
        tp = self.deadline_true_positives
        return _ratio(tp, tp + self.deadline_false_negatives)


def _ratio(part: int, whole: int) -> float:
    # Nothing to find and nothing found is a perfect score, not a division by zero.
    return part / whole if whole else 1.0


def _fail(source: str, number: int, message: str) -> ValueError:
    return ValueError(f"{source}:{number}: {message}")


def _parse_owners(text: str, source: str, number: int) -> list[tuple[str, str]]:
    text = text.strip()
    if text == _NONE:
        return []
    owners: list[tuple[str, str]] = []
    for item in text.split(";"):
        item = item.strip()
        if not item:
            continue
        code, _, mention = item.partition(" ")
        if code not in ROLE_CODES or not mention.strip():
            raise _fail(source, number, f"owner {item!r} is not 'L|R|A organisation'")
        owners.append((mention.strip(), ROLE_CODES[code]))
    if not owners:
        raise _fail(source, number, "no owners: write '-' for a task that names none")
    return owners


def _parse_deadlines(text: str, source: str, number: int) -> list[str]:
    text = text.strip()
    if text == _NONE:
        return []
    tokens = [t.strip() for t in text.split(";") if t.strip()]
    for token in tokens:
        if token in DEADLINE_WORDS:
            continue
        if not _ISO.match(token):
            raise _fail(source, number, f"deadline {token!r} is not YYYY-MM-DD, open or recurring")
        try:
            date.fromisoformat(token)
        except ValueError as exc:
            raise _fail(source, number, f"deadline {token!r}: {exc}") from None
    if not tokens:
        raise _fail(source, number, "no deadlines: write '-' for none")
    return tokens


def _parse_scope(body: str, source: str, number: int) -> GoldScope:
    parts = body.split(maxsplit=3)
    if len(parts) < 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise _fail(source, number, "a scope is '@ FILE FIRST_LINE LAST_LINE note'")
    first, last = int(parts[1]), int(parts[2])
    if not 1 <= first <= last:
        raise _fail(source, number, f"scope lines {first}-{last} are not a range")
    return GoldScope(parts[0], first, last, parts[3] if len(parts) > 3 else "")


def parse_gold(text: str, source: str = "<gold>") -> list[GoldScope]:
    """Parse labelled text into scopes (see the module docstring for the format).

    Raises
    ------
    ValueError
        On the first malformed line, naming ``source`` and the line number.
    """
    scopes: list[GoldScope] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            scopes.append(_parse_scope(line[1:], source, number))
            continue
        if not scopes:
            raise _fail(source, number, "a task before the first '@' scope")
        columns = line.split("|")
        if len(columns) not in (2, 4):
            raise _fail(source, number, f"{len(columns)} columns; expected 2 or 4")
        snippet = columns[0].strip()
        if not snippet:
            raise _fail(source, number, "empty snippet")
        owners = _parse_owners(columns[1], source, number)
        deadlines: list[str] | None = None
        layout: str | None = None
        if len(columns) == 4:
            deadlines = _parse_deadlines(columns[2], source, number)
            layout = columns[3].strip()
            if layout not in LAYOUTS:
                raise _fail(source, number, f"layout {layout!r} is not one of {LAYOUTS}")
        scopes[-1].tasks.append(GoldTask(snippet, owners, deadlines, layout, number))
    return scopes


def load_gold(path: Path) -> list[GoldScope]:
    """Parse a labelled file into scopes."""
    return parse_gold(Path(path).read_text(encoding="utf-8"), str(path))


def squash(text: str) -> str:
    """The form snippets and task texts are compared in."""
    return re.sub(r"\s+", "", normalize_line(text))


def check_snippets(scopes: Iterable[GoldScope],
                   read_lines: Callable[[str], list[str] | None]) -> list[str]:
    """Labels whose snippet is not in their scope's lines, or whose scope is off the file.

    ``read_lines(file)`` returns the file's lines, or ``None`` when it is not available
    (that scope is then reported too). Run it whenever labels are written or moved.
    """
    problems: list[str] = []
    for scope in scopes:
        lines = read_lines(scope.file)
        if lines is None:
            problems.append(f"{scope.file}: file not found")
            continue
        if scope.last > len(lines):
            problems.append(f"{scope.file}: scope {scope.first}-{scope.last} "
                            f"ends after the file's {len(lines)} lines")
        text = squash("".join(lines[scope.first - 1 : scope.last]))
        for task in scope.tasks:
            if squash(task.snippet) not in text:
                problems.append(f"{scope.file}: snippet {task.snippet!r} (label line "
                                f"{task.line}) is not in lines {scope.first}-{scope.last}")
    return problems


def deadline_token(deadline: Deadline) -> str:
    """A predicted deadline as a label token: its ISO date, ``open`` or ``recurring``."""
    return deadline.date if deadline.kind == "date" and deadline.date else deadline.kind


def _jurisdiction(doc: Document) -> str | None:
    """The place the extractor resolved the document's names with (an unplaced
    document's own key when nothing placed it)."""
    return doc.jurisdiction or jurisdiction_of(doc.issuer) or unplaced_jurisdiction(doc.id)


def _predicted_edges(task: Task) -> set[tuple[str, str]]:
    return {(a.org.name, a.role) for a in task.assignments}


def _predicted_deadlines(task: Task) -> set[str]:
    return {deadline_token(d) for d in task.deadlines}


class _Tally:
    """Adds every count to the overall score, its document's and one layout's."""

    def __init__(self) -> None:
        self.total = Score()

    def slices(self, file: str, layout: str) -> tuple[Score, ...]:
        doc = self.total.by_document.setdefault(file, Score())
        lay = self.total.by_layout.setdefault(layout, Score())
        return self.total, doc, lay

    def edges(self, slices: tuple[Score, ...], want: set[tuple[str, str]],
              got: set[tuple[str, str]], where: str) -> None:
        missed = [f"{where}: {o} {r}" for o, r in sorted(want - got)]
        spurious = [f"{where}: {o} {r}" for o, r in sorted(got - want)]
        for s in slices:
            s.true_positives += len(want & got)
            s.false_negatives += len(want - got)
            s.false_positives += len(got - want)
            s.missed.extend(missed)
            s.spurious.extend(spurious)

    def deadlines(self, slices: tuple[Score, ...], want: set[str], got: set[str]) -> None:
        for s in slices:
            s.deadline_true_positives += len(want & got)
            s.deadline_false_negatives += len(want - got)
            s.deadline_false_positives += len(got - want)


def _in_scope(documents: list[Document], scope: GoldScope) -> list[tuple[Document, Task]]:
    found = [
        (doc, task) for doc in documents for task in doc.tasks
        if Path(task.source.file).name == scope.file
        and scope.first <= task.source.line_start <= scope.last
    ]
    found.sort(key=lambda pair: (pair[1].source.line_start, pair[1].seq))
    return found


def _document_of(documents: list[Document], scope: GoldScope) -> Document | None:
    """The document a scope lies in (for the jurisdiction of labels nothing matched)."""
    in_file = [d for d in documents if Path(d.source.file).name == scope.file]
    inside = [d for d in in_file if d.source.line_start <= scope.first <= d.source.line_end]
    return (inside or in_file or [None])[0]


def _match(predicted: list[tuple[Document, Task]],
           gold: list[GoldTask]) -> tuple[dict[int, tuple[Document, Task]],
                                          list[tuple[Document, Task]]]:
    """Pair each predicted task with the first unused label whose snippet it contains."""
    snippets = [squash(g.snippet) for g in gold]
    matched: dict[int, tuple[Document, Task]] = {}
    unmatched: list[tuple[Document, Task]] = []
    for doc, task in predicted:
        text = squash(task.text)
        index = next((i for i, s in enumerate(snippets) if i not in matched and s in text), None)
        if index is None:
            unmatched.append((doc, task))
        else:
            matched[index] = (doc, task)
    return matched, unmatched


def score(documents: list[Document], scopes: list[GoldScope]) -> Score:
    """Compare extracted tasks with the labels: tasks, edges and deadlines.

    Returns
    -------
    Score
        The overall counts, with one :class:`Score` per document (scope file) in
        ``by_document`` and per layout in ``by_layout``.
    """
    tally = _Tally()
    for scope in scopes:
        predicted = _in_scope(documents, scope)
        matched, unmatched = _match(predicted, scope.tasks)
        # Deadlines count against an unlabelled task only where the scope labels them.
        dated_scope = any(g.deadlines is not None for g in scope.tasks)
        fallback = _document_of(documents, scope)
        for index, gold in enumerate(scope.tasks):
            slices = tally.slices(scope.file, gold.layout or UNLABELLED)
            where = f"{scope.file} (label line {gold.line}) {gold.snippet}"
            pair = matched.get(index)
            doc = pair[0] if pair else fallback
            place = _jurisdiction(doc) if doc else None
            want = {(resolve_org(m, place).name, r) for m, r in gold.owners}
            for s in slices:
                s.tasks_gold += 1
                s.tasks_matched += pair is not None
                s.tasks_dated += gold.deadlines is not None
            if pair is None:
                for s in slices:
                    s.missed.append(f"{where}: task not found")
                tally.edges(slices, want, set(), where)
                if gold.deadlines is not None:
                    tally.deadlines(slices, set(gold.deadlines), set())
                continue
            task = pair[1]
            tally.edges(slices, want, _predicted_edges(task), where)
            if gold.deadlines is not None:
                tally.deadlines(slices, set(gold.deadlines), _predicted_deadlines(task))
        for _doc, task in unmatched:
            slices = tally.slices(scope.file, task.layout or "?")
            where = (f"{scope.file}:{task.source.line_start} "
                     f"{squash(task.text)[:20]} (unlabelled task)")
            for s in slices:
                s.tasks_unmatched += 1
                s.spurious.append(f"{where}: task")
            tally.edges(slices, set(), _predicted_edges(task), where)
            if dated_scope:
                tally.deadlines(slices, set(), _predicted_deadlines(task))
    return tally.total
