// @title: 无责任主体的任务 | Tasks with no owner at all
// @question: 哪些任务没有写明任何责任单位？
// @answers: Tasks that no organisation leads, is responsible for or assists: work
// @answers: assigned to nobody. The source lines show where to look.
// @param doc: doc? = null -- only this document: its number or id
// @columns: doc, task_id, seq, section, text, file, line_start, line_end
// @example: --format csv

MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
  AND NOT EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(:Org) }
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq, t.section AS section,
       t.text AS text, t.source_file AS file, t.line_start AS line_start,
       t.line_end AS line_end
ORDER BY file, line_start, task_id
