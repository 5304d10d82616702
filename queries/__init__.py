"""Accountability audits: named, parameterised Cypher queries and graph analytics.

See :mod:`queries.registry` for the ``.cypher`` file format and
``python -m queries list`` for the audits.
"""

from __future__ import annotations

from queries.registry import (
    Audit,
    AuditParam,
    AuditResult,
    get_audit,
    list_audits,
    run_audit,
)

__all__ = ["Audit", "AuditParam", "AuditResult", "get_audit", "list_audits", "run_audit"]
