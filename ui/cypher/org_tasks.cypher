// One page of an organisation's tasks in one role (or any), starting from the
// organisation's key, in storage order (load order: document by document): sorting a busy
// organisation's ten thousand edges first would cost a second. Deadlines and partners are
// read for the page's rows only.
MATCH (c:Org {name: $name})-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WHERE $role = '' OR type(r) = $role
WITH c, r, t
SKIP $skip
LIMIT $limit
MATCH (d:Document)-[:HAS_TASK]->(t)
OPTIONAL MATCH (t)-[:DUE_BY]->(dl:Deadline)
WITH c, r, t, d, collect(DISTINCT coalesce(dl.date, dl.key)) AS deadlines
OPTIONAL MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(p:Org)
WHERE p <> c
RETURN type(r) AS role, r.mention AS mention, d.id AS doc_id, coalesce(d.number, d.id) AS doc,
       t.id AS task_id, t.seq AS seq, t.text AS text, deadlines,
       collect(DISTINCT p.name) AS partners, t.source_file AS file,
       t.line_start AS line_start, t.line_end AS line_end, t.page AS page
