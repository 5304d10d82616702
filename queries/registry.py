"""The audit registry: named, parameterised Cypher files and Python analytics.

An *audit* answers one accountability question about the graph. Most audits are
``queries/cypher/<name>.cypher`` files; a few (the network analytics) are Python
functions in :mod:`queries.analytics`. Both are listed and run the same way::

    from queries import list_audits, run_audit
    result = run_audit(store, "workload_by_org", {"doc": "郑政办〔2017〕88号"})
    result.columns, result.rows

A ``.cypher`` file starts with a header of ``// @key: value`` comment lines::

    // @title: 机构任务负荷 | Workload by organisation
    // @answers: How many tasks each organisation leads, is responsible for, assists.
    // @param doc: doc? = null -- only this document (number such as 郑政办〔2017〕88号, or id)
    // @param group_by: choice(none|document|year) = none -- one row per org, or per org and …
    // @columns: org, kind, lead, responsible, assist, total
    // @example: --param doc=郑政办〔2017〕88号

``@param`` reads ``NAME: TYPE[?] [= DEFAULT] [-- description]``; a ``?`` lets the
value be ``null`` and a parameter without a default is required. Types:

=========  ====================================================================
``str``    any text (surrounding whitespace removed)
``int``    a whole number
``float``  a number
``bool``   true/false, yes/no, 1/0
``date``   an ISO date ``YYYY-MM-DD`` (passed to Cypher as that string, which is
           how the store writes dates, so comparisons are plain string compares)
``doc``    a document number or id; all whitespace is removed because the
           gazette writes ``郑政办〔2017〕53 号`` with stray spaces
``choice(a|b|c)``  one of the listed words
=========  ====================================================================

The body is sent to the server unchanged with the converted parameters: user
input only ever travels as ``$parameters``, never spliced into query text. The
loader checks that the body uses exactly the declared parameters.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from neo4j.exceptions import DriverError, Neo4jError

from errors import Errors, ZerenError

__all__ = [
    "CYPHER_DIR",
    "PARAM_TYPES",
    "Audit",
    "AuditParam",
    "AuditResult",
    "Reader",
    "convert_params",
    "explain_empty",
    "get_audit",
    "list_audits",
    "make_reader",
    "parse_audit_file",
    "run_audit",
]

CYPHER_DIR = Path(__file__).parent / "cypher"

PARAM_TYPES: tuple[str, ...] = ("str", "int", "float", "bool", "date", "doc", "choice")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# "// @title: …" and "// @param name: …" (the key ends at a colon or a space).
_HEADER_LINE = re.compile(r"^//\s*@(?P<key>[a-z_]+)(?::|\s)\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_]*)\s*:\s*"
    r"(?P<type>[a-z]+(?:\([^)]*\))?)(?P<nullable>\?)?"
    r"(?:\s*=\s*(?P<default>.*?))?"
    r"(?:\s+--\s*(?P<doc>.*))?$"
)
# A $parameter reference in a Cypher body (after stripping comments and strings).
_PARAM_REF = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})
_NULL = frozenset({"null", "none", ""})


Reader = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]
"""Runs one read-only Cypher statement with parameters and returns its rows."""


class _StoreLike(Protocol):
    def read(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class AuditParam:
    """One declared audit parameter.

    ``type`` is one of :data:`PARAM_TYPES`; ``choices`` is set for ``choice``.
    ``default`` is already converted (``None`` for null or when required).
    """

    name: str
    type: str
    nullable: bool = False
    required: bool = False
    default: Any = None
    description: str = ""
    choices: tuple[str, ...] = ()

    @property
    def type_label(self) -> str:
        """The type as written in the header, e.g. ``int?`` or ``choice(a|b)``."""
        base = f"choice({'|'.join(self.choices)})" if self.type == "choice" else self.type
        return base + ("?" if self.nullable else "")

    def convert(self, value: Any, audit: str) -> Any:
        """Convert a raw value (CLI text or a Python value) to this parameter's type.

        Parameters
        ----------
        value:
            The value given by the caller; strings are parsed, typed values checked.
        audit:
            The audit's name, for the error message.

        Returns
        -------
        The converted value (``None`` only when the parameter is nullable).
        """

        def bad(reason: str) -> ZerenError:
            return ZerenError(
                Errors.E303.format(
                    audit=audit, param=self.name, type=self.type_label, value=value, reason=reason
                )
            )

        is_null_word = isinstance(value, str) and value.strip().lower() in _NULL
        if value is None or (is_null_word and self.nullable):
            if self.nullable:
                return None
            raise bad("a value is required (this parameter cannot be null)")
        if self.type in ("str", "doc"):
            if not isinstance(value, str):
                raise bad("expected text")
            text = value.strip()
            if self.type == "doc":
                text = re.sub(r"\s+", "", text)
            if not text:
                raise bad("empty text")
            return text
        if self.type == "int":
            if isinstance(value, bool):
                raise bad("expected a whole number")
            if isinstance(value, int):
                return value
            try:
                return int(str(value).strip())
            except ValueError:
                raise bad("expected a whole number") from None
        if self.type == "float":
            if isinstance(value, bool):
                raise bad("expected a number")
            if isinstance(value, int | float):
                return float(value)
            try:
                return float(str(value).strip())
            except ValueError:
                raise bad("expected a number") from None
        if self.type == "bool":
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise bad("expected true or false")
        if self.type == "date":
            if isinstance(value, _dt.datetime):
                return value.date().isoformat()
            if isinstance(value, _dt.date):
                return value.isoformat()
            text = str(value).strip()
            # fromisoformat also accepts 20171231 and week dates; the store compares
            # ISO strings, so only the exact YYYY-MM-DD spelling is safe.
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise bad("expected a date written YYYY-MM-DD")
            try:
                return _dt.date.fromisoformat(text).isoformat()
            except ValueError as exc:
                raise bad(str(exc)) from None
        if self.type == "choice":
            word = str(value).strip().lower()
            if word not in self.choices:
                raise bad(f"choose one of: {', '.join(self.choices)}")
            return word
        raise bad(f"unknown parameter type {self.type!r}")  # pragma: no cover - parse rejects


@dataclass(frozen=True)
class AuditResult:
    """What an audit returned: column names and one dict per row (keys = columns)."""

    columns: list[str]
    rows: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """All values of one column, in row order.

        Parameters
        ----------
        name:
            A column name from :attr:`columns`.

        Returns
        -------
        The list of that column's values.
        """
        if name not in self.columns:
            raise KeyError(name)
        return [row.get(name) for row in self.rows]


@dataclass(frozen=True)
class Audit:
    """One named audit: its metadata and either a Cypher body or a Python function.

    ``title`` is ``中文 | English``; ``answers`` says what question it answers;
    ``kind`` is ``cypher`` or ``analytics``; ``example`` holds CLI arguments for
    one useful run (``--param k=v …``), shown by ``python -m queries list``;
    ``question`` is the question in Chinese, as the app asks it.
    """

    name: str
    title: str
    answers: str
    params: tuple[AuditParam, ...]
    columns: tuple[str, ...]
    kind: str
    example: str = ""
    cypher: str | None = None
    question: str = ""
    source: str = ""
    function: Callable[[Reader, dict[str, Any]], AuditResult] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def title_zh(self) -> str:
        """The Chinese half of the title."""
        return self.title.split("|", 1)[0].strip()

    @property
    def title_en(self) -> str:
        """The English half of the title (the whole title if it has one language)."""
        parts = self.title.split("|", 1)
        return parts[-1].strip()

    def param(self, name: str) -> AuditParam:
        """The declared parameter called ``name``.

        Parameters
        ----------
        name:
            The parameter name.

        Returns
        -------
        Its :class:`AuditParam`; raises :class:`ZerenError` (E302) if undeclared.
        """
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "(no parameters)"
        raise ZerenError(Errors.E302.format(audit=self.name, param=name, known=known))


def parse_param(spec: str, where: str) -> AuditParam:
    """Parse one ``@param`` value (``NAME: TYPE[?] [= DEFAULT] [-- description]``).

    Parameters
    ----------
    spec:
        The text after ``@param:``.
    where:
        File name (and line) for the error message.

    Returns
    -------
    The :class:`AuditParam` with its default already converted.
    """
    m = _PARAM.match(spec.strip())
    if not m:
        raise ZerenError(Errors.E305.format(file=where, reason=f"cannot read @param {spec!r}"))
    raw_type = m.group("type")
    choices: tuple[str, ...] = ()
    base = raw_type
    cm = re.fullmatch(r"choice\(([^)]*)\)", raw_type)
    if cm:
        base = "choice"
        choices = tuple(c.strip() for c in cm.group(1).split("|") if c.strip())
        if not choices:
            raise ZerenError(Errors.E305.format(file=where, reason=f"empty choice in {spec!r}"))
    if base not in PARAM_TYPES or (base == "choice" and not cm):
        raise ZerenError(
            Errors.E305.format(
                file=where,
                reason=f"unknown type {raw_type!r}; use one of: {', '.join(PARAM_TYPES)}",
            )
        )
    nullable = m.group("nullable") is not None
    default_text = m.group("default")
    required = default_text is None
    param = AuditParam(
        name=m.group("name"),
        type=base,
        nullable=nullable,
        required=required,
        description=(m.group("doc") or "").strip(),
        choices=choices,
    )
    if required:
        return param
    try:
        default = param.convert(default_text, audit=where)
    except ZerenError as exc:
        raise ZerenError(Errors.E305.format(file=where, reason=f"bad default: {exc}")) from None
    return AuditParam(**{**param.__dict__, "default": default})


def _strip_cypher_noise(body: str) -> str:
    """The body without comments and string literals, for finding ``$params``."""
    body = re.sub(r"//[^\n]*", "", body)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)


def parse_audit_file(path: Path) -> Audit:
    """Read one ``.cypher`` audit file: its header, parameters and body.

    Parameters
    ----------
    path:
        The file; its stem is the audit's name.

    Returns
    -------
    The :class:`Audit`. Raises :class:`ZerenError` (E305) when the header is
    malformed or the body's ``$parameters`` differ from the declared ones.
    """
    name = path.stem
    where = path.name
    if not _NAME.match(name):
        raise ZerenError(Errors.E305.format(file=where, reason="name must be lower_snake_case"))
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[AuditParam] = []
    body_lines: list[str] = []
    in_header = True
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_header:
            m = _HEADER_LINE.match(line.strip())
            if m:
                key, value = m.group("key"), m.group("value")
                if key == "param":
                    params.append(parse_param(value, f"{where}:{lineno}"))
                elif key in ("title", "answers", "columns", "example", "question"):
                    # A long @answers may continue on further @answers lines.
                    meta[key] = f"{meta[key]} {value}" if key in meta else value
                else:
                    raise ZerenError(
                        Errors.E305.format(file=f"{where}:{lineno}", reason=f"unknown key @{key}")
                    )
                continue
            if line.strip().startswith("//") and "@" in line.split("//", 1)[1][:3]:
                raise ZerenError(
                    Errors.E305.format(file=f"{where}:{lineno}", reason="cannot read header line")
                )
            if line.strip().startswith("//") or not line.strip():
                continue  # free comments inside the header explain, they do not configure
            in_header = False
        body_lines.append(line)
    body = "\n".join(body_lines).strip()
    for key in ("title", "answers", "columns"):
        if not meta.get(key):
            raise ZerenError(Errors.E305.format(file=where, reason=f"missing @{key}"))
    if not body:
        raise ZerenError(Errors.E305.format(file=where, reason="no Cypher body"))
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise ZerenError(Errors.E305.format(file=where, reason="a parameter is declared twice"))
    used = set(_PARAM_REF.findall(_strip_cypher_noise(body)))
    if used != set(names):
        raise ZerenError(
            Errors.E305.format(
                file=where,
                reason=(
                    f"body uses {sorted(used - set(names))} undeclared, "
                    f"declares {sorted(set(names) - used)} unused"
                ),
            )
        )
    columns = tuple(c.strip() for c in meta["columns"].split(",") if c.strip())
    return Audit(
        name=name,
        title=meta["title"],
        answers=meta["answers"],
        params=tuple(params),
        columns=columns,
        kind="cypher",
        example=meta.get("example", ""),
        cypher=body,
        question=meta.get("question", ""),
        source=f"queries/cypher/{path.name}" if path.parent == CYPHER_DIR else str(path),
    )


@lru_cache(maxsize=1)
def _registry() -> dict[str, Audit]:
    """Every audit by name: the Cypher files, then the Python analytics."""
    audits: dict[str, Audit] = {}
    for path in sorted(CYPHER_DIR.glob("*.cypher")):
        audit = parse_audit_file(path)
        audits[audit.name] = audit
    # Imported here because analytics builds its Audit objects with this module's
    # helpers; a top-level import would be circular.
    from queries.analytics import ANALYTICS

    for audit in ANALYTICS:
        if audit.name in audits:
            raise ZerenError(
                Errors.E305.format(file=audit.source, reason=f"audit {audit.name} defined twice")
            )
        audits[audit.name] = audit
    return audits


def list_audits() -> list[Audit]:
    """All audits, sorted by name.

    Returns
    -------
    A list of :class:`Audit` (Cypher files and Python analytics alike).
    """
    return [audit for _, audit in sorted(_registry().items())]


def get_audit(name: str) -> Audit:
    """The audit called ``name``.

    Parameters
    ----------
    name:
        An audit name as printed by ``python -m queries list``.

    Returns
    -------
    The :class:`Audit`; raises :class:`ZerenError` (E301) for an unknown name.
    """
    registry = _registry()
    try:
        return registry[name]
    except KeyError:
        close = [n for n in registry if name and (name in n or n in name)]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise ZerenError(
            Errors.E301.format(name=name, known=", ".join(sorted(registry))) + hint
        ) from None


def convert_params(audit: Audit, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check and convert caller parameters against an audit's declarations.

    Parameters
    ----------
    audit:
        The audit to run.
    params:
        Raw values by name (CLI strings or Python values); missing ones take defaults.

    Returns
    -------
    A dict with every declared parameter, converted. Raises :class:`ZerenError`
    for an unknown name (E302), a bad value (E303) or a missing required one (E304).
    """
    given = dict(params or {})
    for key in given:
        audit.param(key)  # raises E302 for an undeclared name
    out: dict[str, Any] = {}
    for p in audit.params:
        if p.name in given:
            out[p.name] = p.convert(given[p.name], audit.name)
        elif p.required:
            raise ZerenError(Errors.E304.format(audit=audit.name, param=p.name, type=p.type_label))
        else:
            out[p.name] = p.default
    return out


def make_reader(
    target: Any, *, database: str | None = None, timeout: float | None = None
) -> Reader:
    """A :data:`Reader` over a store (anything with ``.read``) or a ``neo4j`` driver.

    Parameters
    ----------
    target:
        A ``graph.store.Store`` (or any object with a compatible ``read``), or a
        ``neo4j.Driver``.
    database:
        Database name for a bare driver (a store knows its own).
    timeout:
        Per-statement timeout in seconds, or ``None`` for the server default.

    Returns
    -------
    A function ``(cypher, params) -> list[dict]``.
    """
    if hasattr(target, "read") and callable(target.read):
        store: _StoreLike = target

        def read_store(cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
            return store.read(cypher, dict(params), timeout=timeout)

        return read_store
    if hasattr(target, "execute_query"):
        import neo4j

        driver = target

        def read_driver(cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
            records, _, _ = driver.execute_query(
                neo4j.Query(cypher, timeout=timeout),
                dict(params),
                database_=database,
                routing_=neo4j.RoutingControl.READ,
            )
            return [record.data() for record in records]

        return read_driver
    raise ZerenError(Errors.E307.format(what=type(target).__name__))


def _plain(value: Any) -> Any:
    """A driver value as plain Python (temporal types become ISO strings)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return iso()
    return value


def _shape(audit: Audit, rows: Iterable[Mapping[str, Any]]) -> AuditResult:
    """Rows as an :class:`AuditResult` with the declared column order."""
    columns = list(audit.columns)
    shaped = [{c: _plain(row.get(c)) for c in columns} for row in rows]
    return AuditResult(columns=columns, rows=shaped)


def run_audit(
    target: Any,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    timeout: float | None = None,
) -> AuditResult:
    """Run one audit and return its rows.

    Parameters
    ----------
    target:
        A ``graph.store.Store`` or a ``neo4j.Driver`` (see :func:`make_reader`).
    name:
        The audit's name.
    params:
        Parameter values by name; strings are converted to the declared types.
    database:
        Database name when ``target`` is a bare driver.
    timeout:
        Per-statement timeout in seconds.

    Returns
    -------
    An :class:`AuditResult` whose columns are the audit's declared columns.
    """
    audit = get_audit(name)
    values = convert_params(audit, params)
    reader = make_reader(target, database=database, timeout=timeout)
    try:
        if audit.function is not None:
            rows = audit.function(reader, values).rows
        else:
            assert audit.cypher is not None
            rows = reader(audit.cypher, values)
    except (Neo4jError, DriverError) as exc:
        # Server messages differ between Neo4j and the local server (the latter gives a
        # generic status code); say which audit failed and pass the server's words on.
        reason = " ".join(str(getattr(exc, "message", None) or exc).split())[:300]
        raise ZerenError(Errors.E308.format(audit=name, reason=reason)) from exc
    return _shape(audit, rows)


_DOC_EXISTS = (
    "MATCH (d:Document) WHERE d.id = $doc OR replace(d.number, ' ', '') = $doc RETURN count(d) AS n"
)
_ORG_EXISTS = (
    "MATCH (c:Org) WHERE c.name = $name OR $name IN coalesce(c.aliases, []) "
    "OR c.name CONTAINS $name OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $name) "
    "RETURN count(c) AS n"
)


def explain_empty(
    target: Any,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
) -> list[str]:
    """Why an audit may have returned no rows: a document or organisation that is not there.

    An empty answer is often right ("no task without owner"), but a mistyped document
    number or organisation gives one too; this tells the two apart.

    Parameters
    ----------
    target, name, params, database:
        As for :func:`run_audit`.

    Returns
    -------
    Messages (E310 unknown document, E311 no matching organisation); empty when the
    parameters name things that exist.
    """
    audit = get_audit(name)
    values = convert_params(audit, params)
    read = make_reader(target, database=database)
    notes = []
    if values.get("doc") and not read(_DOC_EXISTS, {"doc": values["doc"]})[0]["n"]:
        notes.append(Errors.E310.format(doc=values["doc"]))
    if name == "org_profile" and not read(_ORG_EXISTS, {"name": values["name"]})[0]["n"]:
        notes.append(Errors.E311.format(name=values["name"]))
    return notes
