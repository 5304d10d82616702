"""Every user-facing error and warning message, in one place.

Modelled on spaCy's ``errors.py``: code raises ``ZerenError(Errors.E101.format(...))``
so messages stay consistent and can be reviewed (and translated) together.
Each package owns one block of codes: extract E1xx/W1xx, graph E2xx/W2xx,
queries E3xx, app E4xx.

Every message carries its code (``Errors.E101.code == "E101"``, kept through
``.format``), and so does the :class:`ZerenError` raised with it: callers branch on
``exc.code``, never on the message text.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Errors", "Message", "Warnings", "ZerenError"]

_CODE = re.compile(r"^[EW]\d{3}$")


class Message(str):
    """A message template that knows its code; ``format`` keeps it."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        obj = super().__new__(cls, text)
        obj.code = code
        return obj

    def format(self, *args: Any, **kwargs: Any) -> Message:  # type: ignore[override]
        return Message(str.format(self, *args, **kwargs), self.code)


class _Coded(type):
    """Turns each ``E123 = "…"`` / ``W123 = "…"`` class attribute into a :class:`Message`."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
        for key, value in list(namespace.items()):
            if _CODE.match(key) and isinstance(value, str):
                namespace[key] = Message(value, key)
        return super().__new__(mcls, name, bases, namespace)


class ZerenError(Exception):
    """An error whose message is meant for the user, not a stack trace.

    ``code`` is the message's code (``"E101"``), or ``None`` for a plain string.
    """

    def __init__(self, message: str, *args: object) -> None:
        super().__init__(message, *args)
        self.code: str | None = getattr(message, "code", None)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Errors(metaclass=_Coded):
    # --- extract (E1xx) -------------------------------------------------------
    E101 = "{file}: cannot read file: {reason}"
    E102 = "{file}: looks like a binary file, not text (found {what}); skipped"
    E103 = "{file}: could not decode as UTF-8, GB18030 or GBK; skipped"
    E104 = "{path}: no such file or directory"
    E105 = "{path}: directory contains no supported files ({suffixes})"
    E107 = (
        "{file}: the extractor failed on this file ({error}); it was skipped and the "
        "other files were read. This is a bug: please report it with the file"
    )
    E106 = (
        "{file}: unsupported file type {suffix!r}; supported: {suffixes}. "
        "Save it as one of these (Word: .docx, web page: .html) and try again"
    )

    # --- graph (E2xx) ---------------------------------------------------------
    E201 = (
        "cannot reach the graph database at {uri}: {reason}. "
        "Check that the server is running and NEO4J_URI is right "
        "(unset NEO4J_URI to use the built-in local server)."
    )
    E202 = (
        "the graph database at {uri} refused the login for user {user!r}. "
        "Check NEO4J_USERNAME and NEO4J_PASSWORD."
    )
    E203 = (
        "cannot start the local graph server: no Java runtime found at {java}. "
        "Reinstall it with: pip install --force-reinstall arcadedb-embedded"
    )
    E204 = "cannot use the data folder {path}: {reason}. Set ZEREN_DATA_DIR to a writable folder."
    E205 = (
        "the local graph server exited during start-up (exit code {code}). "
        "Last lines of its log {log}:\n{tail}"
    )
    E206 = (
        "the local graph server did not answer within {seconds:.0f} s "
        "(log: {log}). Try ZEREN_SERVER_TIMEOUT=120 on a slow machine."
    )
    E207 = "no free TCP port on 127.0.0.1 for the local graph server: {reason}"
    E208 = "{doc}: document not loaded, its changes were rolled back: {reason}"
    E209 = "unknown export format {fmt!r}; choose one of: {choices}"
    E211 = "the local graph server is busy starting in another process (lock {path}); try again"

    # --- queries (E3xx) -------------------------------------------------------
    E301 = "unknown audit {name!r}; run `python -m queries list` to see them all: {known}."
    E302 = "audit {audit}: unknown parameter {param!r}; it takes: {known}"
    E303 = "audit {audit}: parameter {param} ({type}) cannot take {value!r}: {reason}"
    E304 = "audit {audit}: parameter {param} ({type}) is required; give it with --param {param}=…"
    E305 = "{file}: bad audit definition: {reason}"
    E306 = "--param wants NAME=VALUE, got {text!r}"
    E307 = "cannot run audits on a {what}: pass a graph store or a neo4j driver"
    E308 = "audit {audit} failed on the graph server: {reason}"
    E309 = "unknown output format {fmt!r}; choose one of: {choices}"
    E310 = (
        "no document {doc!r} in the graph; give its number as printed (郑政办〔2017〕88号) "
        "or its id (`python -m queries run document_summary --param min_tasks=0` lists them)"
    )
    E311 = "no organisation matches {name!r} (canonical names, spellings seen, or parts of them)"
    E340 = (
        "the ledger needs a document or an organisation: give --doc 郑政办〔2017〕88号 "
        "(repeatable) and/or --org 郑州市工商局"
    )
    E341 = "cannot write the ledger to {path}: {reason}"
    E342 = "the ledger is written as .xlsx or .csv; {path!r} has neither suffix"
    E343 = "no task matches this ledger ({what}); nothing was written"

    # --- app (E4xx) -----------------------------------------------------------
    E401 = (
        "图数据库不可用 | The graph database is not available: {reason}\n\n"
        "如何解决 | How to fix: 确认服务器正在运行，检查 NEO4J_URI、NEO4J_USERNAME、"
        "NEO4J_PASSWORD（及 NEO4J_DATABASE）；删除 NEO4J_URI 即改用内置本地服务器；然后刷新页面。"
    )
    E402 = (
        "只读控制台拒绝了此查询：不允许 {clauses}。控制台只能读取（MATCH … RETURN）；"
        "写入请用「导入」页。 | The console is read-only: {clauses} is not allowed."
    )
    E403 = (
        "参数必须是一个 JSON 对象，例如 {{\"name\": \"市工商局\"}} | "
        "Parameters must be a JSON object: {reason}"
    )
    E404 = "查询在服务器上失败 | The query failed on the server: {reason}"
    E405 = (
        "源文件在本机不可用 | Source file not available on this machine: {file}. "
        "请把文件放回该路径（相对于 {root}），或在「导入」页重新导入。"
    )
    E406 = "{file}：无法读取为文本，已跳过 | cannot be read as text, skipped: {reason}"
    E407 = "上传的文件中没有找到任何文件或任务 | No document was found in the uploaded files."
    E408 = "导入失败，图谱未改变 | Import failed, the graph was not changed: {reason}"
    E409 = (
        "查询超过 {seconds:.0f} 秒未完成，已中止 | "
        "The query ran over {seconds:.0f} s and was stopped."
    )
    E410 = "查询为空 | The query is empty: type a Cypher query such as MATCH (o:Org) RETURN o.name"
    E411 = "上传文件 {file} 超过 {mb} MB，已跳过 | {file} is larger than {mb} MB, skipped."
    E412 = (
        "{file}：不支持的文件类型 {suffix}，已拒绝（未保存）。支持：{suffixes} | "
        "unsupported file type, rejected and not kept"
    )
    E413 = "{file}：无法读取，已拒绝（未保存）：{reason} | cannot be read, rejected and not kept"
    E414 = (
        "图谱由旧版抽取器生成：{stale} 份文件的抽取规则已更新，请在「导入」页重新载入 | "
        "{stale} documents were extracted by an older extractor; reload them"
    )
    E415 = "请先选择一份文件或一个单位 | Pick a document or an organisation first."
    E416 = "没有符合条件的任务 | No task matches: {what}"


class Warnings(metaclass=_Coded):
    # --- extract (W1xx) -------------------------------------------------------
    W101 = "role line names no organisation that could be parsed: {text!r}"
    W102 = "part of a role line is not an organisation name and was skipped: {text!r}"
    W103 = "deadline phrase not understood: {text!r}"

    # --- graph (W2xx) ---------------------------------------------------------
    W201 = "{doc}: task id {task!r} appears more than once; kept the first (line {line})"
    W202 = "document id {doc!r} appears in {first} and {second}; kept the first"
    W203 = "a local graph server state file was stale (pid {pid} gone); starting a new server"
    W204 = "not pruning: {reason}; stored documents are kept"
