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

    # --- extract: file readers (E120–E139; extract/readers/*) -------------------
    E120 = (
        "{file}: not a Word .docx file that can be opened ({reason}). Open it in Word, "
        "WPS or LibreOffice and save it again as .docx (Word document), then import that"
    )
    E121 = (
        "{file}: this is an older Word/WPS file (.doc) with a .docx name; rename it to "
        ".doc (converted with LibreOffice when installed) or save it as .docx in Word/WPS"
    )
    E122 = "{file}: not a PDF that can be opened ({reason}); skipped"
    E123 = (
        "{file}: the PDF is password-protected; save an unprotected copy (print it to "
        "PDF, or remove the password in a PDF reader) and import that"
    )
    E124 = (
        "{file}: this PDF has no text layer: its {pages} page(s) are scanned images. It "
        "needs OCR (text recognition) first, e.g. `ocrmypdf -l chi_sim {file} out.pdf`, "
        "then import the OCRed PDF"
    )
    E125 = (
        "{file}: could not decode the web page as {encodings}; save it again from the "
        "browser as a web page (.html) or as text (.txt)"
    )
    E126 = "{file}: not a web page that can be parsed ({reason}); skipped"
    E127 = (
        "{file}: {suffix} files are read by converting them with LibreOffice, and "
        "LibreOffice (`soffice`) is not installed. Either install it (Debian/Ubuntu: "
        "`apt-get install libreoffice-writer`; or set ZEREN_SOFFICE to its soffice "
        "program), or open the file in Word/WPS and save it as .docx, then import the .docx"
    )
    E128 = (
        "{file}: LibreOffice could not convert it to .docx ({reason}); open it in "
        "Word/WPS/LibreOffice, save it as .docx and import that"
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
        "(log: {log}); the password was not the problem (it was never refused). "
        "Try ZEREN_SERVER_TIMEOUT=120 on a slow machine."
    )
    E207 = "no free TCP port on 127.0.0.1 for the local graph server: {reason}"
    E208 = "{doc}: document not loaded, its changes were rolled back: {reason}"
    E209 = "unknown export format {fmt!r}; choose one of: {choices}"
    E211 = "the local graph server is busy starting in another process (lock {path}); try again"
    E212 = (
        "{path}: the local server's state file is damaged ({reason}) and a server (pid {pid}) "
        "is still running on {data_dir}, so it cannot be reached. "
        "Way out: stop it with `kill {pid}`, then run the command again."
    )
    E213 = (
        "{path} is missing, but {data_dir} already holds a database whose root user was "
        "created with that password. No new password was made: it would lock you out. "
        "Way out: put the file back (from a backup), or give root a new password and keep "
        "the data: python -m graph --data-dir {data_dir} reset-password"
    )
    E214 = (
        "{path} is not a usable password file ({reason}). Way out: put the original file "
        "back (from a backup), or give root a new password and keep the data: "
        "python -m graph --data-dir {data_dir} reset-password"
    )
    E215 = (
        "the local graph server refused the password in {path}: it is not the password "
        "the database in {data_dir} was created with (was the file edited or replaced?). "
        "Way out: put the original file back, or give root a new password and keep the "
        "data: python -m graph --data-dir {data_dir} reset-password"
    )
    E216 = (
        "the local graph server refused user {user!r} although the password in {path} is "
        "right: after about ten wrong passwords in a row the server locks a user out for "
        "20-50 s. Nothing is damaged; wait a minute and retry. If it happens again, a "
        "program is trying wrong passwords against this server"
    )
    E217 = (
        "cannot create the read-only account on the local graph server: {reason}. "
        "Reads need it (the server, not the app, stops them from writing); see {log}"
    )
    E218 = (
        "could not create the graph schema on {uri}: {reason}. Nothing was loaded. "
        "If the disk is full, free some space and run the command again"
    )
    E219 = (
        "this store was opened read-only (access='read'), so it cannot {what}; "
        "load and import open the store with access='write'"
    )
    E220 = (
        "{path}: cannot use the lock file ({reason}). It holds no data: "
        "way out: delete {path} and run the command again"
    )
    E221 = (
        "{path}: the server's permission file is damaged ({reason}). Way out: delete it; "
        "the next start writes a fresh one with the read-only group (data and users stay)"
    )
    E222 = (
        "{what} is set but {missing} is not: a read-only account needs both "
        "(or neither, to read with the writer's account in READ sessions)"
    )
    E223 = (
        "reset-password needs the local server stopped, but one is running on {data_dir} "
        "(pid {pid}); stop it first (Ctrl-C in `python -m graph serve`, or `kill {pid}`)"
    )
    E224 = (
        "the graph database at {uri} refused user {user!r}: too many failed logins, the "
        "account is locked for a while. Wait a minute and retry; then check {settings}"
    )
    E225 = (
        "the graph database at {uri} refused the query as forbidden for user {user!r}: {reason}"
    )

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

    # --- queries: the read-only console (E320–E339) ----------------------------
    E320 = (
        "只读控制台拒绝了此查询：{what} 不是读取子句；控制台只运行 MATCH、OPTIONAL MATCH、"
        "WHERE、WITH、UNWIND、RETURN、ORDER BY、SKIP、LIMIT、UNION 和只读子查询，"
        "写入请用「导入」页。"
        " | The console is read-only: {what} is not a read clause (at character {pos}); it "
        "runs MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, "
        "UNION and read-only subqueries. Use the Import page to change the graph."
    )
    E321 = (
        "只读控制台拒绝了此查询：不允许调用 {what}，只能使用内置的只读函数（count、collect、"
        "toUpper、date …）。 | The console is read-only: {what} is not allowed (at character "
        "{pos}); only built-in read-only functions (count, collect, toUpper, date, …) may "
        "be called, no procedures."
    )
    E322 = (
        "只读控制台拒绝了此查询：字符串、注释或反引号名称没有结束（{what}）。 | The console "
        "refused the query: a string, comment or `quoted name` is not closed ({what} at "
        "character {pos})."
    )
    E323 = (
        "只读控制台拒绝了此查询：字符 {what} 不属于 Cypher（请用半角符号）。 | The console "
        "refused the query: character {what} at {pos} is no part of Cypher outside a "
        "string (type ASCII brackets, dashes and quotes)."
    )
    E324 = (
        "只读控制台一次只运行一条查询（第 {pos} 个字符处有分号）。 | The console runs one "
        "statement at a time: remove the ';' at character {pos} and what follows."
    )
    E325 = (
        "只读控制台拒绝了此查询：{what!r} 既不是读取关键字，也不是查询中声明的变量、标签或"
        "属性；如果它是名称，请用反引号括起来（`{what}`）。 | The console refused the query: "
        "{what!r} (at character {pos}) is not a read keyword nor a variable, label or "
        "property of the query; if it is a name, quote it as `{what}`."
    )
    E326 = (
        "查询为空 | The query is empty: type a Cypher query such as "
        "MATCH (o:Org) RETURN o.name LIMIT 10"
    )
    E327 = (
        "参数必须是一个 JSON 对象，例如 {{\"name\": \"市工商局\"}} | "
        "Parameters must be a JSON object such as {{\"name\": \"市工商局\"}}: {reason}"
    )
    E328 = (
        "服务器拒绝了此查询：只读账户不能写入或管理数据库。 | The server refused the query: "
        "the read-only account may not write or administer the database ({reason})."
    )
    E329 = (
        "查询超过 {seconds:.0f} 秒，服务器已中止它 | The query ran over {seconds:.0f} s and "
        "the server stopped it. Narrow it down (a LIMIT, a more specific MATCH) and retry."
    )
    E330 = "查询在服务器上失败 | The query failed on the server: {reason}"
    E331 = (
        "控制台只使用只读连接 | The console runs only on a store opened with access='read' "
        "(this one is {access})."
    )
    E332 = (
        "此 Neo4j 连接没有只读账户：控制台在 READ 会话中运行，并由服务器限时，但账户本身可以写入。"
        "请在 Neo4j 中创建只读用户（CREATE USER zeren_reader SET PASSWORD '…'; "
        "GRANT ROLE reader TO zeren_reader），"
        "并设置 NEO4J_READ_USERNAME 与 NEO4J_READ_PASSWORD。 | "
        "This Neo4j connection has no read-only account: the console runs in READ sessions "
        "with a server-side timeout, but the account itself may write. Create a reader "
        "(CREATE USER zeren_reader SET PASSWORD '…'; GRANT ROLE reader TO zeren_reader) and "
        "set NEO4J_READ_USERNAME and NEO4J_READ_PASSWORD."
    )
    E333 = (
        "查询需要的内存超出服务器的限额，已中止 | The query needed more memory than the server "
        "allows and was stopped: {reason}"
    )

    # --- app (E4xx) -----------------------------------------------------------
    E401 = (
        "图数据库不可用 | The graph database is not available: {reason}\n\n"
        "如何解决 | How to fix: 确认服务器正在运行，检查 NEO4J_URI、NEO4J_USERNAME、"
        "NEO4J_PASSWORD（及 NEO4J_DATABASE）；删除 NEO4J_URI 即改用内置本地服务器；然后刷新页面。"
    )
    E404 = "查询在服务器上失败 | The query failed on the server: {reason}"
    E405 = (
        "源文件在本机不可用 | Source file not available on this machine: {file}. "
        "请把文件放回该路径（相对于 {root}），或在「导入」页重新导入。"
    )
    E407 = "上传的文件中没有找到任何文件或任务 | No document was found in the uploaded files."
    E408 = "导入失败，图谱未改变 | Import failed, the graph was not changed: {reason}"
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
    W110 = "role words next to organisation names that no layout read: {text!r}"
    W111 = "organisation names in brackets that no layout read: {text!r}"
    W112 = "numbered item of work names no owner (kept as a task without owners): {text!r}"
    W113 = "table row names no owner (kept as a task without owners): {text!r}"
    W114 = "table names owner columns but none of its rows could be read as a task: {text!r}"
    W120 = "{text} is a scanned image without a text layer: its content was not read (OCR it)"

    # --- graph (W2xx) ---------------------------------------------------------
    W201 = "{doc}: task id {task!r} appears more than once; kept the first (line {line})"
    W202 = "document id {doc!r} appears in {first} and {second}; kept the first"
    W203 = "a local graph server state file was stale (pid {pid} gone); starting a new server"
    W204 = "not pruning: {reason}; stored documents are kept"
    W205 = (
        "{path} was damaged ({reason}) and no server was running on this folder; "
        "it was replaced (it only records the running server)"
    )
    W206 = "{path} was {reason}; the read-only account got a new password"
    W207 = (
        "{n} document(s) were made by an older extractor or vocabulary and were rewritten "
        "with {extractor}"
    )
    W208 = (
        "{n} of {total} stored documents were made by an older extractor or vocabulary "
        "than this one ({extractor}); run `python -m graph load <folders>` to rewrite them"
    )
    W209 = "{path}: the password file {reason} and no database existed yet; a new one was made"
    W210 = "the stored figures were not refreshed ({reason}); the app recomputes them at start"
