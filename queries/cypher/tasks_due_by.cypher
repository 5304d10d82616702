// @title: 截至某日应完成的任务 | Tasks due on or before a date
// @question: 截至某日应完成哪些任务？
// @answers: Tasks whose deadline falls on or before as_of: by default judged by each
// @answers: task's final deadline; with final_only=false any milestone counts. due is the
// @answers: latest qualifying date; milestones lists the phrases it was read from.
// @param as_of: date = 2017-12-31 -- the reference date (YYYY-MM-DD)
// @param final_only: bool = true -- judge by the final deadline only
// @param doc: doc? = null -- only this document: its number or id
// @param limit: int = 500 -- at most this many tasks (a province's archive has thousands)
// @columns: doc, task_id, text, due, milestones, owners, file, line_start, line_end
// @example: --param as_of=2017-10-31 --param doc=郑政〔2017〕24号

// From the Deadline nodes (one per date, few) rather than from every document.
MATCH (dl:Deadline)
WHERE dl.date IS NOT NULL AND dl.date <= $as_of
MATCH (t:Task)-[r:DUE_BY]->(dl)
WHERE NOT $final_only OR r.final = true
MATCH (d:Document)-[:HAS_TASK]->(t)
WHERE $doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc
WITH d, t, max(dl.date) AS due, collect(DISTINCT r.raw) AS milestones
// A LIMIT on the aggregating WITH itself is ignored by the local server; on a plain
// WITH after it, it holds.
WITH d, t, due, milestones
LIMIT $limit
// A pattern comprehension: ~10x cheaper than OPTIONAL MATCH + collect on the local server.
WITH d, t, due, milestones,
     reduce(acc = [], x IN [(t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org) | o.name] |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS owners
RETURN coalesce(d.number, d.id) AS doc, t.id AS task_id, t.text AS text, due, milestones,
       owners, t.source_file AS file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY due, file, line_start
