"""导入 Import: upload text files (or pick the bundled corpus), extract them with
:mod:`extract` and load them into the graph with a progress bar; then show what was
added and the warnings. A bad file gets one clear message and is skipped."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from errors import Errors
from ui import data as D
from ui.components import header
from ui.importing import MAX_MB, import_paths, save_upload

header("导入 Import", "上传文本文件，抽取任务并载入图谱 | Upload documents, extract, load")

source = st.radio(
    "来源 Source",
    ["upload", "corpus"],
    format_func={"upload": "上传文件 Upload files", "corpus": "内置语料 Bundled corpus"}.get,
    horizontal=True,
    key="imp_source",
)
paths: list[Path] = []
if source == "upload":
    files = st.file_uploader(
        "文本文件 Text files（UTF-8 / GB18030，.txt）", accept_multiple_files=True, key="imp_files"
    )
    for f in files or []:
        data = f.getvalue()
        if len(data) > MAX_MB * 1024 * 1024:
            st.error(Errors.E411.format(file=f.name, mb=MAX_MB))
            continue
        paths.append(save_upload(f.name, data))
else:
    paths = [D.corpus_path()]
    st.caption(
        f"将抽取并载入 {D.CORPUS_DIR}（已载入且未改变的文件会跳过 | unchanged files are skipped）"
    )

if st.button("抽取并载入 Extract and load", type="primary", disabled=not paths, key="imp_go"):
    store = D.get_store()
    before = D.fetch_counts(store)
    bar = st.progress(0.0, text="正在抽取… | Extracting")

    def progress(done: int, total: int, doc_id: str, status: str) -> None:
        bar.progress(done / total, text=f"{doc_id}：{status}（{done}/{total}）")

    outcome = import_paths(store, paths, progress)
    bar.progress(1.0, text="完成 Done")
    D.clear_caches()
    st.session_state["imp_last"] = {
        "outcome": outcome,
        "before": before,
        "after": D.fetch_counts(store),
    }

last = st.session_state.get("imp_last")
if last:
    outcome = last["outcome"]
    for message in outcome.errors:
        st.error(message)
    if outcome.documents:
        st.success(
            f"新增 created {len(outcome.created)} · 更新 updated {len(outcome.updated)} · "
            f"未变 unchanged {len(outcome.unchanged)} · 失败 failed {len(outcome.failed)} 个文件"
        )
        st.subheader("本次导入 Last import")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "": k,
                        "导入前 before": last["before"][k],
                        "导入后 after": last["after"][k],
                        "新增 added": last["after"][k] - last["before"][k],
                    }
                    for k in ("documents", "tasks", "orgs", "assignments")
                ]
            ),
            hide_index=True,
        )
        st.dataframe(pd.DataFrame(outcome.documents), hide_index=True, width="stretch")
    if outcome.failed:
        st.error("以下文件载入失败，已回滚 | These documents were rolled back")
        st.dataframe(
            pd.DataFrame(outcome.failed, columns=["文件 document", "原因 reason"]),
            hide_index=True,
            width="stretch",
        )
    st.markdown(f"**警告 Warnings（{len(outcome.warnings)}）**")
    if outcome.warnings:
        st.dataframe(pd.DataFrame(outcome.warnings), hide_index=True, width="stretch")
