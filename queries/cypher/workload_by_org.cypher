// @title: 机构任务负荷（按角色） | Workload by organisation and role
// @question: 各单位分别牵头、负责、协办多少项任务？谁的任务最重？
// @answers: How many tasks each organisation leads (牵头), is responsible for (责任)
// @answers: and assists (协办/配合), over the whole graph, one document or one year;
// @answers: with group_by=document or year, one row per organisation and document/year.
// @param doc: doc? = null -- only this document: its number (郑政办〔2017〕88号) or id
// @param year: int? = null -- only documents issued in this year
// @param kind: str? = null -- only organisations of this kind (department, collective, …)
// @param group_by: choice(none|document|year) = none -- split each organisation's counts
// @param limit: int = 200 -- at most this many rows, busiest first
// @columns: org, kind, grp, lead, responsible, assist, total
// @example: --param doc=郑政办〔2017〕88号 --param limit=10

// Over the whole graph the counts are the figures stored per load (graph/aggregates.py):
// 147 figure nodes read instead of 150,000 edges counted (3 s at 100x). With a document
// or year filter, or grouped, they are counted from the edges. Only one branch returns
// rows; the WITH after the first MATCH keeps the second branch from expanding at all
// when it is not wanted.
MATCH (f:OrgFigures)
WHERE $doc IS NULL AND $year IS NULL AND $group_by = 'none' AND f.task_count > 0
  AND ($kind IS NULL OR f.kind = $kind)
RETURN f.name AS org, f.kind AS kind, '' AS grp, f.lead_count AS lead,
       f.responsible_count AS responsible, f.assist_count AS assist, f.task_count AS total
ORDER BY total DESC, lead DESC, org, grp
LIMIT $limit
UNION ALL
// A task counts once per role even if the text names the same body twice there.
MATCH (d:Document)
WHERE NOT ($doc IS NULL AND $year IS NULL AND $group_by = 'none')
  AND ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
  AND ($year IS NULL OR d.year = $year)
WITH d
MATCH (d)-[:HAS_TASK]->(t:Task)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WHERE $kind IS NULL OR o.kind = $kind
WITH o, t, type(r) AS role,
     CASE $group_by
       WHEN 'document' THEN coalesce(d.number, d.id)
       WHEN 'year' THEN toString(d.year)
       ELSE ''
     END AS grp
WITH o, grp,
     count(DISTINCT CASE WHEN role = 'LEADS' THEN t END) AS lead,
     count(DISTINCT CASE WHEN role = 'RESPONSIBLE_FOR' THEN t END) AS responsible,
     count(DISTINCT CASE WHEN role = 'ASSISTS' THEN t END) AS assist,
     count(DISTINCT t) AS total
RETURN o.name AS org, o.kind AS kind, grp, lead, responsible, assist, total
ORDER BY total DESC, lead DESC, org, grp
LIMIT $limit
