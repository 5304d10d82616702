"""导入 Import: upload documents (every type the extractor reads) or pick the bundled
corpus, extract them and load them into the graph with a progress bar; then say what was
added, which files were rejected (by the name you gave them), and the warnings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from extract.readers import SUPPORTED_SUFFIXES
from queries.labels import STATUS_LABELS
from ui import cache
from ui.components import header
from ui.connection import writer
from ui.importing import MAX_MB, import_paths, import_uploads
from ui.reads.overview import counts
from ui.settings import CORPUS_DIR, corpus_path

header("导入 Import", "上传文件，抽取任务并载入图谱 | Upload documents, extract, load")

source = st.radio(
    "来源 Source",
    ["upload", "corpus"],
    format_func={"upload": "上传文件 Upload files", "corpus": "内置语料 Bundled corpus"}.get,
    horizontal=True,
    key="imp_source",
)
files = []
if source == "upload":
    kinds = " ".join(SUPPORTED_SUFFIXES)
    # Streamlit's uploader writes its button and size hint in English; these rules put
    # them in Chinese. No `type=` filter: the uploader would refuse other files in
    # English; the import rejects them in Chinese, by name, and counts them.
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button p{font-size:0}'
        '[data-testid="stFileUploaderDropzone"] button p::after{content:"选择文件";'
        "font-size:14px}"
        '[data-testid="stFileUploaderDropzoneInstructions"] span{font-size:0}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span::after{'
        f'content:"或拖放到这里 · 支持 {kinds} · 每个不超过 {MAX_MB} MB";font-size:14px}}'
        "</style>"
    )
    files = st.file_uploader(
        f"上传文件（可多选）Upload files：{kinds}",
        accept_multiple_files=True,
        key="imp_files",
        max_upload_size=MAX_MB,
        help="文本文件可为 UTF-8 或 GB18030 编码；不支持或读不出的文件会被拒绝，且不保存。",
    ) or []
else:
    st.caption(f"将抽取并载入 {CORPUS_DIR}（已载入且未改变的文件会跳过）")

ready = bool(files) if source == "upload" else True
if st.button("抽取并载入 Extract and load", type="primary", disabled=not ready, key="imp_go"):
    bar = st.progress(0.0, text="正在抽取… | Extracting")

    def progress(done: int, total: int, doc_id: str, status: str) -> None:
        bar.progress(done / total, text=f"{doc_id}：{STATUS_LABELS.get(status, status)}"
                                        f"（{done}/{total}）")

    with writer() as store:
        before = counts(store)
        if source == "upload":
            outcome = import_uploads(store, [(f.name, f.getvalue()) for f in files], progress)
        else:
            outcome = import_paths(store, [corpus_path()], progress)
        after = counts(store)
    bar.progress(1.0, text="完成 Done")
    cache.clear()
    st.session_state["imp_last"] = {"outcome": outcome, "before": before, "after": after}

last = st.session_state.get("imp_last")
if last:
    outcome = last["outcome"]
    for message in outcome.errors:
        st.error(message)
    st.success(
        f"新增 {len(outcome.created)} · 更新 {len(outcome.updated)} · "
        f"未变 {len(outcome.unchanged)} · 载入失败 {len(outcome.failed)} 份文件；"
        f"被拒绝 {len(outcome.rejected)} 个上传文件"
        + (f"（{'、'.join(outcome.rejected)}）" if outcome.rejected else "")
    )
    if outcome.documents:
        st.subheader("本次导入 Last import")
        names = {"documents": "文件 documents", "tasks": "任务 tasks",
                 "orgs": "单位 organisations", "assignments": "分工 assignments"}
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "": label,
                        "导入前 before": last["before"][k],
                        "导入后 after": last["after"][k],
                        "新增 added": last["after"][k] - last["before"][k],
                    }
                    for k, label in names.items()
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
