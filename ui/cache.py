"""An explicit cache for the app's read functions.

A read function takes the store first and returns plain values or typed rows; it is
declared cacheable with :func:`cacheable` and called through :func:`cached`, which keys
Streamlit's data cache on the function, the store's address and the arguments::

    @cacheable
    def org_profile(store: Store, name: str) -> OrgProfile: ...

    profile = cached(org_profile, "郑州市工商局")

Only declared functions can be cached (a typo is an error, not a silent miss); tests and
the benchmark call the same functions directly with a store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import streamlit as st

from ui.connection import reader
from ui.settings import settings

__all__ = ["cacheable", "cached", "clear"]

P = ParamSpec("P")
R = TypeVar("R")
_FUNCTIONS: dict[str, Callable[..., Any]] = {}


def _name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def cacheable(fn: Callable[P, R]) -> Callable[P, R]:
    """Declare ``fn(store, *args, **kwargs)`` as a read the app may cache.

    Parameters
    ----------
    fn:
        A read function whose arguments after the store are hashable values, lists or
        dicts.

    Returns
    -------
    The same function (unchanged).
    """
    _FUNCTIONS[_name(fn)] = fn
    return fn


@st.cache_data(ttl=3600, show_spinner=False, max_entries=2048)
def _call(name: str, store_key: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> Any:
    return _FUNCTIONS[name](reader(), *args, **dict(kwargs))


def cached(fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Call ``fn(reader(), *args, **kwargs)`` through the cache.

    Parameters
    ----------
    fn:
        A function declared with :func:`cacheable`.
    *args, **kwargs:
        Its arguments after the store.

    Returns
    -------
    What ``fn`` returns (a copy from the cache).

    Raises
    ------
    KeyError
        When ``fn`` was not declared cacheable.
    """
    name = _name(fn)
    if _FUNCTIONS.get(name) is not fn:
        raise KeyError(f"{name} is not declared with @cacheable")
    return _call(name, settings().key, args, tuple(sorted(kwargs.items())))


def clear() -> None:
    """Drop every cached result (after an import changed the graph)."""
    _call.clear()
