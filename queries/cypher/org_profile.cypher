// @title: 单位责任画像 | One organisation's profile
// @question: 这个单位牵头、负责、协办哪些任务？期限是什么？与谁共同承担？
// @answers: Everything one organisation is on: each task with its role, document,
// @answers: deadlines and partner organisations. name may be any spelling: the canonical
// @answers: name, a spelling seen in the text (Org.aliases, e.g. 市工商局), or a part of
// @answers: either; the closest match wins (exact name, then alias, then shortest name).
// @param name: str -- the organisation, any spelling (郑州市工商局, 市工商局, 工商局)
// @param role: choice(all|lead|responsible|assist) = all -- only tasks in this role
// @param limit: int = 500 -- at most this many tasks (a busy body has thousands)
// @columns: org, role, mention, doc, task_id, text, deadlines, partners, file, line_start,
// @columns: line_end
// @example: --param name=市工商局

MATCH (c:Org)
WHERE c.name = $name OR $name IN coalesce(c.aliases, [])
   OR c.name CONTAINS $name OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $name)
WITH c,
     CASE WHEN c.name = $name THEN 0 WHEN $name IN coalesce(c.aliases, []) THEN 1 ELSE 2 END
       AS rank
ORDER BY rank, size(c.name), c.name
LIMIT 1
MATCH (c)-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)<-[:HAS_TASK]-(d:Document)
WITH c, r, t, d,
     CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'RESPONSIBLE_FOR' THEN 'responsible'
       ELSE 'assist' END AS role
WHERE $role = 'all' OR role = $role
WITH c, r, t, d, role LIMIT $limit
// Pattern comprehensions: ~10x cheaper than OPTIONAL MATCH + collect on the local server.
WITH c, r, t, d, role,
     reduce(acc = [], x IN [(t)-[:DUE_BY]->(dl:Deadline) | coalesce(dl.date, dl.kind)] |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS deadlines,
     reduce(acc = [], x IN [(t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(p:Org) WHERE p <> c | p.name] |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS partners
RETURN c.name AS org, role, r.mention AS mention, coalesce(d.number, d.id) AS doc,
       t.id AS task_id, t.text AS text, deadlines, partners, t.source_file AS file,
       t.line_start AS line_start, t.line_end AS line_end
ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'responsible' THEN 1 ELSE 2 END, file, line_start
