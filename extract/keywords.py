"""Keyword tags for tasks (optional: ``python -m extract --keywords``).

jieba earns its place here and only here: TF-IDF keywords help a reader skim a
task list. Its user dictionary is built from the organisation alias registry so
that ``市发展改革委`` stays one token instead of being cut into ``市/发展/改革委``.
Segmentation costs more than the whole rule-based extraction (see the benchmark),
so it is never on the core path.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from extract.models import Document

__all__ = ["tag_keywords"]

_STOP = frozenset((
    "加强", "推进", "进一步", "开展", "做好", "工作", "有关", "相关", "实施", "完善", "建立",
    "落实", "负责", "牵头", "单位", "部门", "各县", "政府", "全市", "我市", "市政府",
))


@lru_cache(maxsize=1)
def _analyser():  # type: ignore[no-untyped-def]
    import jieba
    import jieba.analyse

    from extract.org_names import registry_terms

    jieba.setLogLevel(logging.WARNING)
    for term in registry_terms():
        jieba.add_word(term, freq=2000, tag="nt")
    return jieba.analyse


def tag_keywords(documents: list[Document], top_k: int = 5) -> None:
    """Fill ``task.keywords`` with the task's top TF-IDF words (organisations excluded).

    Parameters
    ----------
    documents : list of Document
        Modified in place.
    top_k : int
        Keywords per task.
    """
    analyse = _analyser()
    for doc in documents:
        for task in doc.tasks:
            owners = {a.mention for a in task.assignments}
            words = analyse.extract_tags(task.text, topK=top_k + 8)
            task.keywords = [w for w in words
                             if w not in owners and w not in _STOP and len(w) > 1][:top_k]
