// @title: 多头牵头的任务 | Tasks with many leads
// @question: 哪些任务有多个牵头单位，责任容易稀释？
// @answers: Tasks led by at least min_leads organisations: when several bodies all
// @answers: "lead", responsibility is easily diluted.
// @param min_leads: int = 3 -- at least this many leads
// @param doc: doc? = null -- only this document: its number or id
// @columns: doc, task_id, seq, text, lead_count, leads, file, line_start, line_end
// @example: --param min_leads=4

MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[:LEADS]-(o:Org)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
WITH d, t, collect(DISTINCT o.name) AS leads
WHERE size(leads) >= $min_leads
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq, t.text AS text,
       size(leads) AS lead_count, leads, t.source_file AS file, t.line_start AS line_start,
       t.line_end AS line_end
ORDER BY lead_count DESC, file, line_start
