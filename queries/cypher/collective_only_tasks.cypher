// @title: 仅有集合性主体的任务 | Tasks owned only by collective parties
// @question: 哪些任务只写了“各县（市、区）政府”“有关部门”等集合性主体，没有具体单位可问责？
// @answers: Tasks whose every owner is a collective party (各县（市、区）政府,
// @answers: 市政府各有关部门, 相关部门按职责分工负责 …) and no named body: nobody in
// @answers: particular can be held to account for them.
// @param doc: doc? = null -- only this document: its number or id
// @columns: doc, task_id, seq, section, text, owners, file, line_start, line_end
// @example: --param doc=郑政办〔2017〕88号

MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
WITH d, t, collect(DISTINCT o.name) AS owners, collect(DISTINCT o.kind) AS kinds
WHERE all(k IN kinds WHERE k = 'collective')
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq, t.section AS section,
       t.text AS text, owners, t.source_file AS file, t.line_start AS line_start,
       t.line_end AS line_end
ORDER BY file, line_start, task_id
