// @title: 无牵头单位的任务 | Tasks with no lead
// @question: 哪些任务没有牵头单位？
// @answers: Tasks that no organisation leads. By default only in documents that name
// @answers: leads (牵头单位) for some of their tasks, where a missing lead is a gap rather
// @answers: than the document's style; owners lists who else is on the task.
// @param doc: doc? = null -- only this document: its number or id
// @param only_lead_docs: bool = true -- skip documents that never name a lead
// @param limit: int = 500 -- at most this many tasks (a province's archive has thousands)
// @columns: doc, task_id, seq, section, text, owners, file, line_start, line_end
// @example: --param doc=郑政办〔2017〕88号

// Documents first: the "does this document name leads at all" test then runs once per
// document instead of once per task (4x faster on the corpus).
// The per-document figures of graph/aggregates.py (lead_task_count, task_count) skip the
// documents with nothing to report without expanding them; a graph without the figures
// falls back to asking the edges.
MATCH (d:Document)
WHERE $doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc
OPTIONAL MATCH (f:DocumentFigures {id: d.id})
WITH d, f
WHERE (f IS NULL OR f.lead_task_count < f.task_count)
  AND (NOT $only_lead_docs OR f.lead_task_count > 0
       OR (f IS NULL AND EXISTS { MATCH (d)-[:HAS_TASK]->(:Task)<-[:LEADS]-(:Org) }))
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE NOT EXISTS { MATCH (t)<-[:LEADS]-(:Org) }
WITH d, t LIMIT $limit
OPTIONAL MATCH (t)<-[:RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, t, collect(DISTINCT o.name) AS owners
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq, t.section AS section,
       t.text AS text, owners, t.source_file AS file, t.line_start AS line_start,
       t.line_end AS line_end
ORDER BY file, line_start, task_id
