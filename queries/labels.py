"""The words analysts read: Chinese names for audit columns, parameters and values.

One place for the vocabulary the app (and the ledger) shows instead of the graph's own
names: ``task_id`` is 任务编号, role ``lead`` is 牵头, kind ``collective`` is 集合性主体.
English stays beside the Chinese where the app already shows both (``任务 task``).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AUDIT_ORDER",
    "CHOICE_LABELS",
    "COLUMN_LABELS",
    "DEADLINE_KIND_LABELS",
    "LAYOUT_LABELS",
    "LEVEL_LABELS",
    "ORG_KIND_LABELS",
    "PARAM_LABELS",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "column_label",
    "param_label",
    "value_label",
]

# Roles as the extractor (lead …) and the graph (LEADS …) name them.
ROLE_LABELS: dict[str, str] = {
    "lead": "牵头",
    "responsible": "责任",
    "assist": "协办",
    "LEADS": "牵头",
    "RESPONSIBLE_FOR": "责任",
    "ASSISTS": "协办",
    "all": "全部",
}
ORG_KIND_LABELS: dict[str, str] = {
    "department": "政府部门",
    "district_government": "县（市、区）政府",
    "development_zone": "开发区管委会",
    "enterprise": "企业",
    "vertical_agency": "垂直管理机构",
    "people_organisation": "人民团体",
    "collective": "集合性主体",
    "government": "政府（办公厅）",
    "other": "其他",
}
LEVEL_LABELS: dict[str, str] = {
    "national": "国家级",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "unknown": "未知",
}
DEADLINE_KIND_LABELS: dict[str, str] = {
    "date": "具体日期",
    "open": "长期",
    "recurring": "周期性",
    "all": "全部",
}
LAYOUT_LABELS: dict[str, str] = {
    "table": "表格",
    "fields": "字段行",
    "brackets": "括注",
    "inline_fields": "句后字段",
    "prose": "正文句子",
    "org_heading": "单位标题",
    "item": "编号条目（未写责任单位）",
}
STATUS_LABELS: dict[str, str] = {
    "created": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "failed": "失败",
    "pruned": "已删除",
    "rejected": "被拒绝",
}
# The values of the audits' choice parameters.
CHOICE_LABELS: dict[str, str] = {
    **ROLE_LABELS,
    **DEADLINE_KIND_LABELS,
    "none": "不分组",
    "document": "按文件",
    "year": "按年份",
    "betweenness": "中介中心性",
    "degree": "度中心性",
    "louvain": "Louvain 算法",
    "greedy": "贪心模块度",
}

# Column name -> "中文 English" (what a table header shows).
COLUMN_LABELS: dict[str, str] = {
    "anchor": "核心单位 anchor",
    "assist": "协办 assist",
    "betweenness": "中介中心性 betweenness",
    "community": "群体 community",
    "count": "写法数 spellings",
    "date": "日期 date",
    "deadlines": "期限 deadlines",
    "degree": "度中心性 degree",
    "district": "区县 district",
    "doc": "文件 document",
    "docs": "文件 documents",
    "documents": "文件数 documents",
    "due": "到期日 due",
    "file": "源文件 file",
    "final": "最终期限 final",
    "grp": "分组 group",
    "internal_ties": "内部共同任务 ties",
    "kind": "类型 kind",
    "lead": "牵头 lead",
    "lead_count": "牵头单位数 leads",
    "leads": "牵头单位 leads",
    "line_end": "结束行 to line",
    "line_start": "起始行 from line",
    "lines": "行 lines",
    "local_orgs": "本地责任单位 local bodies",
    "members": "成员 members",
    "mention": "原文写法 mention",
    "milestones": "期限原文 phrases",
    "no_lead": "无牵头任务 no lead",
    "no_lead_pct": "无牵头占比% no lead %",
    "org": "单位 organisation",
    "org_a": "单位甲 org A",
    "org_b": "单位乙 org B",
    "owned_locally": "本地承担 owned locally",
    "owners": "责任单位 owners",
    "partners": "合作单位 partners",
    "rank": "排名 rank",
    "raw": "期限原文 phrase",
    "responsible": "责任 responsible",
    "role": "角色 role",
    "section": "章节 section",
    "seq": "序号 no.",
    "shared": "共同任务 shared",
    "shared_tasks": "共同任务数 shared tasks",
    "size": "单位数 size",
    "spellings": "写法 spellings",
    "task_id": "任务编号 task id",
    "tasks": "任务数 tasks",
    "text": "任务 task",
    "title": "标题 title",
    "total": "合计 total",
    "with_deadline": "有期限任务 with deadline",
    "page": "页 page",
    "source": "来源 source",
}

# Parameter name -> (label, help). A few names mean different things in different
# audits; those are keyed "audit.param".
PARAM_LABELS: dict[str, tuple[str, str]] = {
    "as_of": ("截至日期 As of", "判断哪些任务在该日期前到期"),
    "departments_only": ("仅政府部门 Departments only", "只看市（县）政府各部门（局、委、办等）"),
    "doc": ("文件 Document", "只看这份文件的任务；留空为全部文件"),
    "final_only": ("仅最终期限 Final deadline only", "只按每项任务的最终期限，不计中间节点"),
    "from_date": ("起始日期 From", "时间窗口的第一天"),
    "to_date": ("截止日期 To", "时间窗口的最后一天"),
    "group_by": ("分组 Group by", "每个单位一行，或按文件 / 年份再分"),
    "include_collective": (
        "包括集合性主体 Include collectives", "也计入“各县（市、区）政府”“有关部门”等集合性主体"
    ),
    "kind": ("单位类型 Organisation kind", "只看这一类单位；留空为全部"),
    "open_commitments.kind": ("类型 Kind", "长期任务、周期性任务，或全部"),
    "limit": ("最多行数 Rows", "最多显示这么多行"),
    "method": ("算法 Method", "群体划分算法"),
    "min_leads": ("最少牵头单位数 Min. leads", "至少有这么多个牵头单位"),
    "min_shared": ("最少共同任务 Min. shared", "忽略共同任务少于此数的单位对"),
    "min_size": ("最小群体 Min. size", "隐藏少于此数的群体"),
    "min_spellings": ("最少写法数 Min. spellings", "至少有这么多种写法"),
    "min_tasks": ("最少任务数 Min. tasks", "隐藏任务少于此数的文件（0 列出全部）"),
    "name": ("单位 Organisation", "任意写法：郑州市工商局、市工商局、工商局"),
    "only_lead_docs": (
        "仅写明牵头单位的文件 Only documents with leads",
        "跳过从不写牵头单位的文件（那是文风，不是缺漏）",
    ),
    "resolution": ("分辨率 Resolution", "大于 1 得到更多、更小的群体"),
    "role": ("角色 Role", "只看这一角色的任务"),
    "seed": ("随机种子 Seed", "Louvain 算法的随机种子（同一种子结果相同）"),
    "sort_by": ("排序依据 Sort by", "按中介中心性或度中心性排序"),
    "top": ("前 N 个 Top N", "最多显示这么多个单位"),
    "year": ("年份 Year", "只看这一年印发的文件；留空为全部"),
    "org": ("单位 Organisation", "只列这个单位承担的任务"),
    "due_from": ("期限自 Due from", "完成时限不早于此日"),
    "due_to": ("期限至 Due to", "完成时限不晚于此日"),
}

# The audits in the order analysts use them: who owns what, what is due, what has no
# lead, overloaded units, then the analytics. Audits not listed follow by name.
AUDIT_ORDER: tuple[str, ...] = (
    "org_profile",
    "ledger",
    "tasks_due_by",
    "deadlines_in_window",
    "open_commitments",
    "tasks_without_lead",
    "tasks_without_owner",
    "collective_only_tasks",
    "tasks_many_leads",
    "workload_by_org",
    "district_burden",
    "document_summary",
    "co_responsibility_pairs",
    "org_aliases",
    "central_orgs",
    "org_communities",
)


def column_label(name: str) -> str:
    """A column's header as shown (the name itself when it has no label).

    Parameters
    ----------
    name:
        Column name.

    Returns
    -------
    str
    """
    return COLUMN_LABELS.get(name, name)


def param_label(audit: str, name: str) -> tuple[str, str]:
    """A parameter's label and help text.

    Parameters
    ----------
    audit:
        The audit's name (some parameter names differ per audit).
    name:
        The parameter's name.

    Returns
    -------
    tuple[str, str]
        ``(label, help)``; the name itself and no help when there is no label.
    """
    return PARAM_LABELS.get(f"{audit}.{name}") or PARAM_LABELS.get(name) or (name, "")


def value_label(column: str, value: Any) -> Any:
    """A cell value in the analysts' words: roles, kinds, levels, deadline kinds, yes/no.

    Parameters
    ----------
    column:
        The column (``role``, ``kind``, ``level``, ``final`` …) the value is in.
    value:
        The value as stored.

    Returns
    -------
    The label, or the value unchanged when it has none.
    """
    if isinstance(value, bool):
        return "是" if value else "否"
    if not isinstance(value, str):
        return value
    if column == "role":
        return ROLE_LABELS.get(value, value)
    if column == "kind":
        return ORG_KIND_LABELS.get(value) or DEADLINE_KIND_LABELS.get(value, value)
    if column == "level":
        return LEVEL_LABELS.get(value, value)
    if column == "layout":
        return LAYOUT_LABELS.get(value, value)
    if column == "status":
        return STATUS_LABELS.get(value, value)
    return CHOICE_LABELS.get(value, value) if column == "choice" else value
