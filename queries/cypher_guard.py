"""The console's first layer: an exact Cypher tokenizer and an allow-list of read clauses.

The protection is the server's read-only account (see :mod:`queries.console`); this check
comes first so that a refused query gets a clear bilingual message instead of a server
error, and so that nothing but a read query is ever sent.

A query passes only when every word in it is accounted for:

- a keyword of a read query (:data:`ALLOWED_KEYWORDS`: MATCH, OPTIONAL MATCH, WHERE, WITH,
  UNWIND, RETURN, ORDER BY, SKIP/OFFSET, LIMIT, UNION, the expression words, ``CALL { … }``
  read-only subqueries and the EXISTS / COUNT / COLLECT subqueries);
- a call of a built-in read-only function (:data:`FUNCTIONS`);
- a variable the query declares (in a pattern, after AS, before IN or =), a label or
  relationship type after ``:``, a property after ``.``, a map key, a ``$parameter``,
  or any name in backticks.

Everything else — write clauses, LOAD CSV, procedure calls, FOREACH, USE, SHOW,
administration, GQL's INSERT, unknown words and look-alike spellings — is refused, and
so is text the tokenizer cannot read exactly (an unterminated string, comment or quoted
name, a character that is no part of Cypher, a second statement).

The tokenizer follows Cypher's lexical rules where they matter for safety: strings in
``'…'`` or ``"…"`` with backslash escapes, names in backticks with doubled backticks,
``/* … */`` comments, and ``//`` comments that end at ``\\n``, ``\\r`` or ``\\r\\n`` (and,
to be safe, at any other line or page separator: ending a comment early can only make
the check see more text, never less). Keywords are compared after NFKC normalisation, so
full-width ``ＣＲＥＡＴＥ`` or ``ſet`` are the keywords they look like.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

from errors import Errors, ZerenError

__all__ = [
    "ALLOWED_KEYWORDS",
    "FUNCTIONS",
    "Refusal",
    "Token",
    "check_read_only",
    "forbidden_clauses",
    "refusal",
    "row_limited",
    "tokenize",
]

# --- vocabulary ------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Every keyword a read query needs, wherever it may stand.
ALLOWED_KEYWORDS: Final[frozenset[str]] = _words(
    """
    MATCH OPTIONAL WHERE WITH UNWIND RETURN ORDER BY SKIP OFFSET LIMIT UNION ALL DISTINCT
    AS ASC ASCENDING DESC DESCENDING AND OR XOR NOT IN IS NULL TRUE FALSE CASE WHEN THEN
    ELSE END STARTS ENDS CONTAINS EXISTS COUNT COLLECT CALL ANY NONE SINGLE
    """
)
# Keywords of writes, procedures and administration (Neo4j 5, Cypher 25, GQL, ArcadeDB),
# named in the refusal. Any other unknown word is refused too; this list only makes the
# message say which clause it was.
_DENIED_KEYWORDS: Final[frozenset[str]] = _words(
    """
    CREATE MERGE SET DELETE DETACH NODETACH REMOVE DROP FOREACH LOAD CSV PERIODIC COMMIT
    TRANSACTIONS ALTER GRANT DENY REVOKE RENAME TERMINATE START STOP SHOW USE INSERT UPSERT
    UPDATE FINISH YIELD PROFILE EXPLAIN IMPORT EXPORT BACKUP RESTORE TRUNCATE ENABLE DISABLE
    SUSPEND DATABASE DATABASES USER USERS ROLE ROLES PRIVILEGE PRIVILEGES PASSWORD INDEX
    CONSTRAINT ALIAS SERVER EXECUTE ADMIN ADMINISTRATOR LET FILTER NEXT TRANSACTION
    """
)
_KEYWORDS: Final = ALLOWED_KEYWORDS | _DENIED_KEYWORDS
# Shown for two-word clauses.
_PHRASES: Final[dict[tuple[str, str], str]] = {
    ("LOAD", "CSV"): "LOAD CSV",
    ("DETACH", "DELETE"): "DETACH DELETE",
    ("NODETACH", "DELETE"): "NODETACH DELETE",
    ("USING", "PERIODIC"): "USING PERIODIC COMMIT",
}

# Neo4j 5's built-in functions that only compute (lower case; names are case-insensitive).
FUNCTIONS: Final[frozenset[str]] = _words(
    """
    avg collect count max min percentilecont percentiledisc stdev stdevp sum
    all any none single exists isempty
    coalesce elementid endnode head id last length nullif properties randomuuid size
    startnode timestamp toboolean tobooleanornull tofloat tofloatornull tointeger
    tointegerornull tostring tostringornull type valuetype char_length character_length
    keys labels nodes range reduce relationships reverse tail tobooleanlist tofloatlist
    tointegerlist tostringlist
    abs ceil floor isnan rand round sign e exp log log10 sqrt acos asin atan atan2 cos cot
    degrees haversin pi radians sin tan cosh sinh tanh coth
    left ltrim btrim normalize replace right rtrim split substring tolower toupper trim
    lower upper
    date datetime localdatetime localtime time duration point distance
    shortestpath allshortestpaths
    """
)
# Namespaces of Neo4j's pure temporal and spatial functions (date.truncate, …).
_FUNCTION_NAMESPACES: Final[frozenset[str]] = _words(
    "date datetime localdatetime localtime time duration point"
)
# Keywords after which ``{`` opens a query body (a subquery), not a map.
_BODY_OPENERS: Final[frozenset[str]] = frozenset({"CALL", "EXISTS", "COUNT", "COLLECT"})

_LINE_ENDS: Final = "\n\r\u2028\u2029\u0085\x0b\x0c"
_MULTI_OPS: Final = ("<>", "<=", ">=", "=~", "..", "::", "!=", "+=")
_SINGLE_OPS: Final = "()[]{},.:;|&!%+-*/^=<>"


# --- tokens ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One lexical unit of a query.

    Attributes
    ----------
    kind:
        ``word`` (a bare name or keyword), ``name`` (in backticks), ``string``,
        ``number``, ``param`` (``$name``) or ``op`` (punctuation and operators).
    text:
        The text as written (a ``name`` without its backticks).
    pos:
        Offset of its first character in the query.
    """

    kind: str
    text: str
    pos: int

    @property
    def norm(self) -> str:
        """A word as a keyword compares: NFKC-normalised, upper case."""
        return unicodedata.normalize("NFKC", self.text).upper()


@dataclass(frozen=True)
class Refusal:
    """Why a query is refused: a message code and the words it names."""

    code: str
    what: str
    pos: int


def _refuse(code: str, what: str, pos: int) -> ZerenError:
    message = getattr(Errors, code).format(what=what, pos=pos)
    err = ZerenError(message)
    err.refusal = Refusal(code, what, pos)  # type: ignore[attr-defined]
    return err


def _is_name_start(ch: str) -> bool:
    return ch == "_" or ch.isalpha()


def _is_name_part(ch: str) -> bool:
    return ch == "_" or ch.isalnum()


def _skip_quoted(text: str, i: int, quote: str) -> int:
    """Index after the closing quote of a string starting at ``text[i]``; a backslash
    escapes the next character. -1 when unterminated."""
    n = len(text)
    i += 1
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote:
            return i + 1
        i += 1
    return -1


def _skip_backticks(text: str, i: int) -> int:
    """Index after a backtick name starting at ``text[i]`` (```` `` ```` is a backtick
    inside it). -1 when unterminated."""
    n = len(text)
    i += 1
    while i < n:
        if text[i] == "`":
            if i + 1 < n and text[i + 1] == "`":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _number_end(text: str, i: int) -> int:
    n = len(text)
    if text.startswith(("0x", "0X", "0o", "0O"), i):
        j = i + 2
        digits = "0123456789abcdefABCDEF_" if text[i + 1] in "xX" else "01234567_"
        while j < n and text[j] in digits:
            j += 1
        return j
    j = i
    while j < n and (text[j].isdigit() or text[j] == "_"):
        j += 1
    if j + 1 < n and text[j] == "." and text[j + 1].isdigit():
        j += 1
        while j < n and (text[j].isdigit() or text[j] == "_"):
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and text[k].isdigit():
            j = k
            while j < n and text[j].isdigit():
                j += 1
    return j


def tokenize(cypher: str) -> list[Token]:
    """Split a query into tokens, dropping whitespace and comments.

    Parameters
    ----------
    cypher:
        The query text.

    Returns
    -------
    list[Token]

    Raises
    ------
    ZerenError
        E322 (an unterminated string, comment or backtick name) or E323 (a character
        that is no part of Cypher outside strings and comments).
    """
    tokens: list[Token] = []
    text = cypher
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] not in _LINE_ENDS:
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _refuse("E322", "/* …", i)
            i = end + 2
        elif ch in "'\"":
            end = _skip_quoted(text, i, ch)
            if end < 0:
                raise _refuse("E322", ch + " …", i)
            tokens.append(Token("string", text[i:end], i))
            i = end
        elif ch == "`":
            end = _skip_backticks(text, i)
            if end < 0:
                raise _refuse("E322", "` …", i)
            tokens.append(Token("name", text[i + 1 : end - 1].replace("``", "`"), i))
            i = end
        elif ch == "$":
            j = i + 1
            if j < n and text[j] == "`":
                end = _skip_backticks(text, j)
                if end < 0:
                    raise _refuse("E322", "$` …", i)
                j = end
            else:
                while j < n and _is_name_part(text[j]):
                    j += 1
            if j == i + 1:
                raise _refuse("E323", "$", i)
            tokens.append(Token("param", text[i:j], i))
            i = j
        elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()
                              and not (tokens and tokens[-1].kind in ("word", "name"))):
            end = _number_end(text, i + 1 if ch == "." else i)
            tokens.append(Token("number", text[i:end], i))
            i = end
        elif _is_name_start(ch):
            j = i + 1
            while j < n and _is_name_part(text[j]):
                j += 1
            tokens.append(Token("word", text[i:j], i))
            i = j
        else:
            op = next((o for o in _MULTI_OPS if text.startswith(o, i)), None)
            if op is None and ch in _SINGLE_OPS:
                op = ch
            if op is None:
                name = unicodedata.name(ch, "")
                shown = f"{ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"
                raise _refuse("E323", shown, i)
            tokens.append(Token("op", op, i))
            i += len(op)
    return tokens


# --- the check -------------------------------------------------------------------------


def _is_op(tokens: list[Token], i: int, *ops: str) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind == "op" and tokens[i].text in ops


def _is_word(tokens: list[Token], i: int, *words: str) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind == "word" and tokens[i].norm in words


def _declared(tokens: list[Token]) -> set[str]:
    """The variables a query declares: first in a pattern or comprehension (``(x``,
    ``[x``), before IN or ``=``, after AS. A keyword never is one."""
    names: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.norm in _KEYWORDS or _is_op(tokens, i - 1, ".", ":"):
            continue
        # (x … / [x …: a node, relationship or comprehension variable (or a use of
        # one; counting a use as a declaration is harmless, no keyword ever is one).
        in_pattern = _is_op(tokens, i - 1, "(", "[") and not _is_op(tokens, i + 1, "(", ".")
        if (
            in_pattern
            or _is_word(tokens, i + 1, "IN")
            or _is_op(tokens, i + 1, "=")
            or _is_word(tokens, i - 1, "AS")
        ):
            names.add(tok.text)
    return names


def _denied_name(tokens: list[Token], i: int) -> str:
    word = tokens[i].norm
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) and tokens[i + 1].kind == "word" else ""
    prev = tokens[i - 1].norm if i > 0 and tokens[i - 1].kind == "word" else ""
    return _PHRASES.get((word, nxt)) or _PHRASES.get((prev, word)) or word


def _call_opens_body(tokens: list[Token], i: int) -> int:
    """For CALL at ``i``: the index of the ``{`` of its subquery, or -1 (a procedure)."""
    j = i + 1
    if _is_op(tokens, j, "("):  # CALL (x, y) { … }: the variables it imports
        depth = 0
        while j < len(tokens):
            if _is_op(tokens, j, "("):
                depth += 1
            elif _is_op(tokens, j, ")"):
                depth -= 1
                if depth == 0:
                    break
            elif tokens[j].kind not in ("word", "name") and not _is_op(tokens, j, ",", "*"):
                return -1
            j += 1
        j += 1
    return j if _is_op(tokens, j, "{") else -1


def _function_name(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """``(name, index after it)`` when a dotted name starting at ``i`` is called."""
    j = i
    parts = [tokens[j].text]
    while _is_op(tokens, j + 1, ".") and j + 2 < len(tokens) \
            and tokens[j + 2].kind in ("word", "name"):
        parts.append(tokens[j + 2].text)
        j += 2
    if _is_op(tokens, j + 1, "("):
        return ".".join(parts), j + 1
    return None


def _function_allowed(name: str) -> bool:
    parts = unicodedata.normalize("NFKC", name).lower().split(".")
    if len(parts) == 1:
        return parts[0] in FUNCTIONS
    return len(parts) == 2 and parts[0] in _FUNCTION_NAMESPACES


def refusal(cypher: str) -> ZerenError | None:
    """Why ``cypher`` is not a read query the console may run, or ``None``.

    Parameters
    ----------
    cypher:
        The query text.

    Returns
    -------
    ZerenError | None
        A coded error (E320–E326) whose message is bilingual; ``.refusal`` holds the
        code, the refused words and their offset.
    """
    try:
        tokens = tokenize(cypher)
    except ZerenError as exc:
        return exc
    if _is_op(tokens, len(tokens) - 1, ";"):
        tokens = tokens[:-1]
    if not tokens:
        return _refuse("E326", "", 0)
    declared = _declared(tokens)
    # Innermost open bracket kinds: "body" (a query or subquery), "map", "(", "[".
    stack: list[str] = ["body"]
    body_at: set[int] = set()  # indexes of "{" that open a subquery
    # Label expressions (:A|B&!C): "expect" after ":" or a label operator, "after" a label.
    label: str | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "op":
            text = tok.text
            if text == ";":
                return _refuse("E324", ";", tok.pos)
            if text == ":":
                label = "expect" if stack[-1] != "map" else None
            elif text in ("|", "&", "!", "%") and label is not None:
                label = "expect"
            else:
                label = None
            if text in ("(", "["):
                stack.append(text)
            elif text == "{":
                stack.append("body" if i in body_at else "map")
            elif text in (")", "]", "}") and len(stack) > 1:
                stack.pop()
            i += 1
            continue
        expecting_label, label = label == "expect", None
        called = _function_name(tokens, i)
        if tok.kind == "name":  # any name in backticks, unless it is called
            if called is not None and not _function_allowed(called[0]):
                return _refuse("E321", called[0] + "()", tok.pos)
            label = "after" if expecting_label else None
            i = called[1] if called is not None else i + 1
            continue
        if tok.kind != "word":
            i += 1
            continue
        word = tok.norm
        if _is_op(tokens, i - 1, "."):  # a property key
            i += 1
            continue
        if expecting_label and word not in _KEYWORDS:  # a label or relationship type
            label = "after"
            i += 1
            continue
        if stack[-1] == "map" and _is_op(tokens, i + 1, ":") and word not in _DENIED_KEYWORDS:
            i += 1  # a map key
            continue
        if word in ALLOWED_KEYWORDS:
            if word == "CALL":
                brace = _call_opens_body(tokens, i)
                if brace < 0:
                    return _refuse("E321", "CALL " + _called(tokens, i + 1), tok.pos)
                body_at.add(brace)
            elif word in _BODY_OPENERS and _is_op(tokens, i + 1, "{"):
                body_at.add(i + 1)
            i += 1
            continue
        if word in _DENIED_KEYWORDS:
            return _refuse("E320", _denied_name(tokens, i), tok.pos)
        if called is not None:
            if not _function_allowed(called[0]):
                return _refuse("E321", called[0] + "()", tok.pos)
            i = called[1]
            continue
        if tok.text in declared:
            i += 1
            continue
        return _refuse("E325", tok.text, tok.pos)
    return None


def _called(tokens: list[Token], i: int) -> str:
    parts = []
    while i < len(tokens) and (tokens[i].kind in ("word", "name") or _is_op(tokens, i, ".")):
        parts.append(tokens[i].text)
        i += 1
    return "".join(parts) or "…"


def check_read_only(cypher: str) -> None:
    """Raise when ``cypher`` is not a read query the console may run.

    Parameters
    ----------
    cypher:
        The query text.

    Raises
    ------
    ZerenError
        E320 (a write or administration clause), E321 (a procedure or function that is
        not a built-in read-only function), E322 (unterminated string, comment or
        name), E323 (a character outside Cypher), E324 (more than one statement), E325
        (an unknown word), E326 (empty).
    """
    err = refusal(cypher)
    if err is not None:
        raise err


def forbidden_clauses(cypher: str) -> list[str]:
    """The refused words of ``cypher`` (``[]`` when the console may run it).

    Kept for callers of the old deny-list check; it names the first refusal only.

    Parameters
    ----------
    cypher:
        The query text.

    Returns
    -------
    list[str]
    """
    err = refusal(cypher)
    return [] if err is None else [err.refusal.what]  # type: ignore[attr-defined]


def row_limited(cypher: str, limit: int) -> str:
    """``cypher`` with ``LIMIT limit`` added to every top-level RETURN that has none.

    The server then stops producing rows at the limit instead of computing rows nobody
    fetches (the local server finishes a statement whose rest is discarded, up to its
    timeout). A RETURN that already has a LIMIT keeps it; each branch of a UNION gets
    its own. Call it on a query :func:`check_read_only` accepted.

    Parameters
    ----------
    cypher:
        A read query.
    limit:
        Rows wanted.

    Returns
    -------
    str
    """
    tokens = tokenize(cypher)
    if _is_op(tokens, len(tokens) - 1, ";"):
        cut = tokens[-1].pos
        cypher, tokens = cypher[:cut], tokens[:-1]
    inserts: list[int] = []  # offsets where a LIMIT goes (the end of a branch)
    depth = 0
    returned = limited = False
    for tok in tokens:
        if tok.kind == "op" and tok.text in "([{":
            depth += 1
        elif tok.kind == "op" and tok.text in ")]}":
            depth -= 1
        elif tok.kind == "word" and depth == 0:
            if tok.norm == "RETURN":
                returned, limited = True, False
            elif tok.norm == "LIMIT" and returned:
                limited = True
            elif tok.norm == "UNION":
                if returned and not limited:
                    inserts.append(tok.pos)
                returned = limited = False
    if returned and not limited:
        inserts.append(len(cypher))
    # A newline first: the branch may end in a // comment.
    for pos in reversed(inserts):
        cypher = f"{cypher[:pos]}\nLIMIT {int(limit)}\n{cypher[pos:]}"
    return cypher
