// @title: 督查台账 | Supervision ledger
// @question: 这份文件（或这个单位）的任务清单：序号、任务、牵头单位、责任单位、配合单位、完成时限、来源。
// @answers: The ledger a supervision office (督查室) keeps: one document's tasks in the
// @answers: document's own order (or one organisation's tasks, document by document),
// @answers: with lead, responsible and assisting bodies, the deadline phrases and the
// @answers: source lines (and page). Give doc, org or both; from_date / to_date keep the
// @answers: tasks with a dated deadline in the window.
// @param doc: doc? = null -- the document: its number (郑政办〔2017〕88号) or id
// @param org: str? = null -- only tasks this organisation (canonical name) is on
// @param from_date: date? = null -- only tasks due on or after this day
// @param to_date: date? = null -- only tasks due on or before this day
// @columns: doc, title, seq, text, lead, responsible, assist, deadlines, due, file, page,
// @columns: line_start, line_end, task_id
// @example: --param doc=郑政办〔2017〕88号

// Two branches, each starting from an indexed key: the document when one is given,
// else the organisation. Only one of them returns rows.
MATCH (d:Document)
WHERE $doc IS NOT NULL AND (d.id = $doc OR replace(d.number, ' ', '') = $doc)
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE $org IS NULL OR EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(:Org {name: $org}) }
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, collect(DISTINCT due.raw) AS deadlines, collect(DISTINCT dl.date) AS dates,
     max(CASE WHEN due.final = true THEN dl.date END) AS due
WHERE ($from_date IS NULL AND $to_date IS NULL)
   OR any(x IN dates WHERE ($from_date IS NULL OR x >= $from_date)
                       AND ($to_date IS NULL OR x <= $to_date))
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, t, deadlines, due,
     collect(CASE WHEN type(r) = 'LEADS' THEN o.name END) AS lead,
     collect(CASE WHEN type(r) = 'RESPONSIBLE_FOR' THEN o.name END) AS responsible,
     collect(CASE WHEN type(r) = 'ASSISTS' THEN o.name END) AS assist
RETURN coalesce(d.number, d.id) AS doc, d.title AS title, t.seq AS seq, t.text AS text,
       lead, responsible, assist, deadlines, due, t.source_file AS file, t.page AS page,
       t.line_start AS line_start, t.line_end AS line_end, t.id AS task_id
ORDER BY line_start, seq
UNION ALL
MATCH (o:Org {name: $org})-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)<-[:HAS_TASK]-(d:Document)
WHERE $doc IS NULL
WITH DISTINCT d, t
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, collect(DISTINCT due.raw) AS deadlines, collect(DISTINCT dl.date) AS dates,
     max(CASE WHEN due.final = true THEN dl.date END) AS due
WHERE ($from_date IS NULL AND $to_date IS NULL)
   OR any(x IN dates WHERE ($from_date IS NULL OR x >= $from_date)
                       AND ($to_date IS NULL OR x <= $to_date))
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o2:Org)
WITH d, t, deadlines, due,
     collect(CASE WHEN type(r) = 'LEADS' THEN o2.name END) AS lead,
     collect(CASE WHEN type(r) = 'RESPONSIBLE_FOR' THEN o2.name END) AS responsible,
     collect(CASE WHEN type(r) = 'ASSISTS' THEN o2.name END) AS assist
RETURN coalesce(d.number, d.id) AS doc, d.title AS title, t.seq AS seq, t.text AS text,
       lead, responsible, assist, deadlines, due, t.source_file AS file, t.page AS page,
       t.line_start AS line_start, t.line_end AS line_end, t.id AS task_id
ORDER BY file, line_start, seq
