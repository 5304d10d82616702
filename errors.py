"""Every user-facing error and warning message, in one place.

Modelled on spaCy's ``errors.py``: code raises ``ZerenError(Errors.E101.format(...))``
so messages stay consistent and can be reviewed (and translated) together.
Each package owns one block of codes: extract E1xx/W1xx, graph E2xx/W2xx,
queries E3xx, app E4xx.
"""

from __future__ import annotations

__all__ = ["ZerenError", "Errors", "Warnings"]


class ZerenError(Exception):
    """An error whose message is meant for the user, not a stack trace."""


class Errors:
    # --- extract (E1xx) -------------------------------------------------------
    E101 = "{file}: cannot read file: {reason}"
    E102 = "{file}: looks like a binary file, not text (found {what}); skipped"
    E103 = "{file}: could not decode as UTF-8, GB18030 or GBK; skipped"
    E104 = "{path}: no such file or directory"
    E105 = "{path}: directory contains no *.txt files"

    # --- graph (E2xx) ---------------------------------------------------------

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

    # --- app (E4xx) -----------------------------------------------------------


class Warnings:
    # --- extract (W1xx) -------------------------------------------------------
    W101 = "role line names no organisation that could be parsed: {text!r}"
    W102 = "part of a role line is not an organisation name and was skipped: {text!r}"
    W103 = "deadline phrase not understood: {text!r}"

    # --- graph (W2xx) ---------------------------------------------------------
