// @title: 长期与周期性任务 | Open-ended and recurring commitments
// @question: 哪些任务是长期坚持或周期性的，没有最终完成时限？
// @answers: Tasks with a deadline that never falls due: open-ended ones (持续推进,
// @answers: 长期坚持 …) and recurring ones (每年, 每季度, 每月 …), with the phrase
// @answers: and the owners who carry them indefinitely.
// @param kind: choice(all|open|recurring) = all -- which kind of commitment
// @param doc: doc? = null -- only this document: its number or id
// @columns: doc, task_id, text, kind, raw, owners, file, line_start, line_end
// @example: --param kind=recurring

MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[r:DUE_BY]->(dl:Deadline)
WHERE coalesce(r.kind, dl.kind) IN ['open', 'recurring']
  AND ($kind = 'all' OR coalesce(r.kind, dl.kind) = $kind)
  AND ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
OPTIONAL MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, t, r, dl, collect(DISTINCT o.name) AS owners
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.text AS text,
       coalesce(r.kind, dl.kind) AS kind, r.raw AS raw, owners, t.source_file AS file,
       t.line_start AS line_start, t.line_end AS line_end
ORDER BY kind, file, line_start
