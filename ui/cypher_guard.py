"""The Cypher console's read-only check, done before a query reaches the server.

The console also runs every query in a READ-mode session with a timeout and a row limit;
this check rejects write clauses, ``LOAD CSV`` and procedure calls up front with a clear
message. String literals, quoted identifiers and comments are removed first, so
``RETURN "CREATE"`` is allowed.
"""

from __future__ import annotations

import re

__all__ = ["FORBIDDEN", "forbidden_clauses", "strip_literals"]

# Keyword -> how it is shown to the user.
FORBIDDEN: tuple[str, ...] = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "FOREACH",
    "LOAD CSV",
    "CALL",
    "ALTER",
    "GRANT",
    "DENY",
    "REVOKE",
    "RENAME",
    "TERMINATE",
    "START",
    "STOP",
)

_LITERAL = re.compile(
    r"""
    //[^\n]*                      # line comment
    | /\*.*?(?:\*/|\Z)            # block comment (an unclosed one runs to the end)
    | '(?:[^'\\]|\\.)*(?:'|\Z)    # single-quoted string
    | "(?:[^"\\]|\\.)*(?:"|\Z)    # double-quoted string
    | `(?:[^`]|``)*(?:`|\Z)       # quoted identifier
    """,
    re.S | re.X,
)
# A keyword as a word of its own: not a property (n.set), label (:Create) or $param.
_KEYWORDS = re.compile(
    r"(?<![\w.:$])(" + "|".join(k.replace(" ", r"\s+") for k in FORBIDDEN) + r")(?!\w)",
    re.I,
)


def strip_literals(cypher: str) -> str:
    """Replace comments, string literals and quoted identifiers with a space.

    Parameters
    ----------
    cypher:
        The query text.

    Returns
    -------
    str
        The text with only keywords, names, numbers and punctuation left.
    """
    return _LITERAL.sub(" ", cypher)


def forbidden_clauses(cypher: str) -> list[str]:
    """The write / procedure keywords a query uses, in order of first appearance.

    Parameters
    ----------
    cypher:
        The query text.

    Returns
    -------
    list[str]
        Upper-case keywords (``["CREATE", "LOAD CSV"]``); empty when the query is allowed.
    """
    found: list[str] = []
    for m in _KEYWORDS.finditer(strip_literals(cypher)):
        word = " ".join(m.group(1).upper().split())
        if word not in found:
            found.append(word)
    return found
