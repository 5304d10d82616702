"""The scorer (extract.evaluation) and the labelled files it reads.

The scored documents are composed here record by record (plain dataclasses, the
extractor's output type) so each count below is known exactly; the organisations are
resolved by the real resolver, as the extractor resolves them. Nothing here needs
../shared: the other governments' labels are checked for form only.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from extract.evaluation import (
    LAYOUTS,
    ROLE_CODES,
    UNLABELLED,
    check_snippets,
    load_gold,
    parse_gold,
    score,
)
from extract.models import Assignment, Deadline, Document, SourceSpan, Task
from extract.org_names import resolve_org

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "labelled"


def make_doc(file: str, tasks: list[Task], jurisdiction: str | None = "宁波市",
             issuer: str | None = "宁波市人民政府办公厅") -> Document:
    return Document(id=f"doc-{file}", number=None, title="", issuer=issuer, date=None,
                    year=2024, source=SourceSpan(file, 1, 200), content_hash="",
                    tasks=tasks, jurisdiction=jurisdiction)


def make_task(file: str, line: int, text: str, owners: list[tuple[str, str]],
              deadlines: list[Deadline] = (), layout: str = "",
              place: str | None = "宁波市") -> Task:
    assignments = [Assignment(resolve_org(m, place), m, role, text, line)
                   for m, role in owners]
    return Task(id=f"{file}:{line}", seq=line, text=text, section="",
                source=SourceSpan(file, line, line), assignments=assignments,
                deadlines=list(deadlines), layout=layout)


def due(iso: str) -> Deadline:
    return Deadline(iso, iso)


GOLD = """\
# composed labels for the scorer's tests
@ plan.txt 1 20 a composed 宁波 plan
加快建设城市绿道网络 | L 市林业局; A 市财政局 | 2024-06-30 | fields
推进老旧小区改造 | L 市住建局; R 各县（市、区）政府 | 2024-12-31; open | table
完善农村供水保障 | R 市水利局 | - | brackets
开展全民健身活动 | - | recurring | item
"""


@pytest.fixture
def composed():
    f = "plan.txt"
    tasks = [
        # Right owners but 市财政局's role is wrong; its deadline is right.
        make_task(f, 3, "加快建设城市绿道网络，新建绿道50公里。",
                  [("市林业局", "lead"), ("市财政局", "responsible")],
                  [due("2024-06-30")], "fields"),
        # Everything right except the open-ended second deadline, not found.
        make_task(f, 6, "推进老旧小区改造，完成120个小区。",
                  [("市住建局", "lead"), ("各县（市、区）政府", "responsible")],
                  [due("2024-12-31")], "table"),
        # A task the labels do not have (a heading read as a task).
        make_task(f, 9, "召开全市城建工作现场推进会。", [("市政府办公室", "responsible")],
                  [due("2024-03-31")], "prose"),
        # 完善农村供水保障 (line 11) is not extracted at all.
        make_task(f, 12, "开展全民健身活动，每月组织一次。", [],
                  [Deadline(None, "每月", "recurring")], "item"),
        # Outside the scope: ignored whatever it holds.
        make_task(f, 30, "完善农村供水保障。", [("市水利局", "responsible")]),
    ]
    return score([make_doc(f, tasks)], parse_gold(GOLD))


def test_overall_counts_on_a_composed_document(composed):
    s = composed
    assert (s.tasks_gold, s.tasks_matched, s.tasks_unmatched) == (4, 3, 1)
    assert s.tasks_found == 0.75
    # tp: 林业局 L, 住建局 L, 各县 R; fp: 财政局 R, 市政府办公室 R; fn: 财政局 A, 水利局 R
    assert (s.true_positives, s.false_positives, s.false_negatives) == (3, 2, 2)
    assert (s.precision, s.recall, s.f1) == (0.6, 0.6, 0.6)
    # deadlines: tp 06-30, 12-31, recurring; fp 03-31 (unlabelled task); fn open
    assert (s.deadline_true_positives, s.deadline_false_positives,
            s.deadline_false_negatives) == (3, 1, 1)
    assert (s.deadline_precision, s.deadline_recall) == (0.75, 0.75)


def test_the_layout_split_attributes_misses_to_the_labelled_layout(composed):
    by = composed.by_layout
    assert set(by) == {"fields", "table", "brackets", "item", "prose"}
    counts = {name: (s.tasks_gold, s.tasks_matched, s.tasks_unmatched, s.true_positives,
                     s.false_positives, s.false_negatives, s.deadline_true_positives,
                     s.deadline_false_positives, s.deadline_false_negatives)
              for name, s in by.items()}
    assert counts == {
        "fields": (1, 1, 0, 1, 1, 1, 1, 0, 0),
        "table": (1, 1, 0, 2, 0, 0, 1, 0, 1),
        "brackets": (1, 0, 0, 0, 0, 1, 0, 0, 0),  # the missed task is a brackets miss
        "item": (1, 1, 0, 0, 0, 0, 1, 0, 0),
        "prose": (0, 0, 1, 0, 1, 0, 0, 1, 0),  # the unlabelled task, by its own reader
    }
    assert by["brackets"].tasks_found == 0.0 and by["brackets"].recall == 0.0
    assert by["fields"].f1 == 0.5
    # Nothing to find and nothing found is perfect, not a division by zero.
    assert by["item"].precision == by["item"].recall == 1.0


def test_the_document_split_and_the_lists_a_developer_reads(composed):
    assert list(composed.by_document) == ["plan.txt"]
    doc = composed.by_document["plan.txt"]
    assert (doc.true_positives, doc.false_positives, doc.false_negatives) == (3, 2, 2)
    finance = resolve_org("市财政局", "宁波市").name
    water = resolve_org("市水利局", "宁波市").name
    office = resolve_org("市政府办公室", "宁波市").name
    assert composed.missed == [
        f"plan.txt (label line 3) 加快建设城市绿道网络: {finance} assist",
        "plan.txt (label line 5) 完善农村供水保障: task not found",
        f"plan.txt (label line 5) 完善农村供水保障: {water} responsible",
    ]
    assert composed.spurious == [
        f"plan.txt (label line 3) 加快建设城市绿道网络: {finance} responsible",
        "plan.txt:9 召开全市城建工作现场推进会。 (unlabelled task): task",
        f"plan.txt:9 召开全市城建工作现场推进会。 (unlabelled task): {office} responsible",
    ]


def test_two_column_labels_score_edges_but_not_deadlines():
    gold = parse_gold("@ old.txt 1 9 x\n强化食品安全监管 | R 市市场监管局\n")
    assert gold[0].tasks[0].deadlines is None and gold[0].tasks[0].layout is None
    task = make_task("old.txt", 2, "强化食品安全监管，年底前完成。",
                     [("市市场监管局", "responsible")], [due("2024-12-31")])
    extra = make_task("old.txt", 4, "另一项任务", [], [due("2024-06-30")])
    s = score([make_doc("old.txt", [task, extra])], gold)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 0, 0)
    assert (s.deadline_true_positives, s.deadline_false_positives,
            s.deadline_false_negatives, s.tasks_dated) == (0, 0, 0, 0)
    assert s.by_layout[UNLABELLED].tasks_matched == 1
    assert s.by_layout["?"].tasks_unmatched == 1  # a task no reader named


def test_matching_normalises_and_takes_the_first_unused_label_in_order():
    gold = parse_gold(
        "@ t.txt 1 9 x\n"
        "完成时限(6月) 全面推进 | R 市财政局 | 2024-06-30 | fields\n"
        "完成时限(6月) 全面推进 | R 市税务局 | - | fields\n"
        "只在范围外出现的任务 | R 市商务局 | - | prose\n")
    first = make_task("t.txt", 2, "完成时限（6月）全面推进", [("市财政局", "responsible")],
                      [due("2024-06-30")])
    second = make_task("t.txt", 5, "完成时限（6月）全面推进", [("市税务局", "responsible")])
    outside = make_task("t.txt", 10, "只在范围外出现的任务", [("市商务局", "responsible")])
    s = score([make_doc("t.txt", [second, outside, first])], gold)
    # Half-width brackets and spaces normalise away; in line order the first predicted
    # task takes the first label and the second the next one. Line 10 is outside.
    assert (s.tasks_matched, s.tasks_unmatched) == (2, 0)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (2, 0, 1)
    assert s.deadline_true_positives == 1


def test_labels_are_resolved_in_the_documents_jurisdiction():
    gold = parse_gold("@ j.txt 1 9 x\n推进数字政府建设 | L 市大数据局 | - | brackets\n")
    task = make_task("j.txt", 2, "推进数字政府建设", [("市大数据局", "lead")], place="杭州市")
    # No jurisdiction recorded: it falls back to the issuer's place.
    s = score([make_doc("j.txt", [task], jurisdiction=None, issuer="杭州市人民政府")], gold)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 0, 0)
    # In another city's document the same mention is another organisation.
    s = score([make_doc("j.txt", [task], jurisdiction="湖州市")], gold)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (0, 1, 1)


@pytest.mark.parametrize("line, message", [
    ("加快建设 | X 市财政局 | - | table", "not 'L|R|A organisation'"),
    ("加快建设 | L 市财政局 | - | tabel", "layout 'tabel'"),
    ("加快建设 | L 市财政局 | 2024-02-30 | table", "2024-02-30"),
    ("加快建设 | L 市财政局 | 2024年6月 | table", "not YYYY-MM-DD"),
    ("加快建设 | L 市财政局 | - ", "3 columns"),
    ("加快建设 |  | - | table", "write '-'"),
    (" | L 市财政局 | - | table", "empty snippet"),
])
def test_a_malformed_label_names_its_line(line, message):
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        parse_gold(f"# x\n@ f.txt 1 9 x\n{line}\n", "labels.txt")
    assert str(info.value).startswith("labels.txt:3: ")


@pytest.mark.parametrize("text", ["加快建设 | L 市财政局\n", "@ f.txt 9 1 x\n", "@ f.txt one 9\n"])
def test_a_malformed_scope_is_refused(text):
    with pytest.raises(ValueError, match=r"^<gold>:1: "):
        parse_gold(text)


def test_check_snippets_reports_labels_off_their_lines(tmp_path):
    (tmp_path / "a.txt").write_text(
        "# source\n# issuer\n\n1.加快建设城市绿道网络。(市林业局负责)\n"
        "2.推进老旧\n小区改造。\n", encoding="utf-8")
    scopes = parse_gold("@ a.txt 4 6 x\n加快建设城市绿道网络 | R 市林业局 | - | brackets\n"
                        "推进老旧小区改造 | - | - | item\n"
                        "@ a.txt 5 8 y\n加快建设城市绿道网络 | R 市林业局 | - | brackets\n"
                        "@ b.txt 1 2 z\n任务 | - | - | item\n")

    def read(name: str) -> list[str] | None:
        path = tmp_path / name
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else None

    assert check_snippets(scopes, read) == [
        "a.txt: scope 5-8 ends after the file's 6 lines",
        "a.txt: snippet '加快建设城市绿道网络' (label line 5) is not in lines 5-8",
        "b.txt: file not found",
    ]


def test_the_bundled_labels_lie_in_the_bundled_corpus():
    scopes = load_gold(LABELLED / "gold.txt")

    def read(name: str) -> list[str] | None:
        path = ROOT / "data" / "corpus" / name
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else None

    assert sum(len(s.tasks) for s in scopes) >= 140
    assert check_snippets(scopes, read) == []


# The files of ../shared/corpus-other that hold tasks; 05, 16, 17, 20 and 25 hold a notice.
OTHER_FILES = {f"{n:02d}" for n in range(1, 27)} - {"05", "16", "17", "20", "25"}


def test_the_other_governments_labels_are_well_formed():
    scopes = load_gold(LABELLED / "other_gold.txt")  # every line parses
    assert {s.file[:2] for s in scopes} == OTHER_FILES
    assert len({s.file for s in scopes}) == len(scopes) == 21  # one scope per file
    for s in scopes:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", s.file), s.file
        # After the two "# " lines and the blank line; the excerpts are short.
        assert 4 <= s.first <= s.last <= 120, (s.file, s.first, s.last)
        assert s.tasks and s.note, s.file
        snippets = [t.snippet for t in s.tasks]
        for t in s.tasks:
            assert 4 <= len(t.snippet) <= 25 and "\n" not in t.snippet, t.snippet
            # No other label of the scope holds this one, so matching is unambiguous.
            assert not [x for x in snippets if x != t.snippet and t.snippet in x], t.snippet
            assert t.layout in LAYOUTS and t.deadlines is not None, t.snippet
            assert {r for _, r in t.owners} <= set(ROLE_CODES.values())
            mentions = [m for m, _ in t.owners]
            assert len(mentions) == len(set(mentions)), t.snippet  # one role per org
            assert all(m and " " not in m for m in mentions), t.snippet
            for token in t.deadlines:
                if token not in ("open", "recurring"):
                    assert 2009 <= date.fromisoformat(token).year <= 2027, token
        assert len(snippets) == len(set(snippets)), s.file


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_quality", ROOT / "benchmarks" / "bench_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_blanks_metadata_and_keeps_the_numbering():
    bench = _bench()
    lines = bench._without_metadata("# source: x\n# issuer: y\n\n1.任务 # not metadata\n# z\n")
    assert lines == ["", "", "", "1.任务 # not metadata", "# z"]
    # 05 before 04: tasks of the joined text map back to the file's own lines; one
    # wholly in the notice goes, one that runs from the notice into the file starts at
    # the file's first line of text.
    f = "doc.txt"
    doc = make_doc(f, [make_task(f, 3, "通知里的句子", []),
                       replace(make_task(f, 5, "通知末的标题和文件的第一项任务", []),
                               source=SourceSpan(f, 5, 8)),
                       make_task(f, 12, "文件第七行的任务", [("市财政局", "lead")])])
    bench._shift([doc], 5, 4)
    assert [(t.text, t.source.line_start, t.source.line_end) for t in doc.tasks] == [
        ("通知末的标题和文件的第一项任务", 4, 4), ("文件第七行的任务", 7, 7)]
    assert doc.tasks[1].assignments[0].line == 7
