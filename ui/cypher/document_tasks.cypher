// A document's tasks in source order, with owners (and the line each was read from) and
// deadline phrases.
MATCH (:Document {id: $id})-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH t, collect({org: o.name, role: type(r), line: r.line}) AS raw
OPTIONAL MATCH (t)-[due:DUE_BY]->(:Deadline)
RETURN t.id AS task_id, t.seq AS seq, t.text AS text, t.line_start AS line_start,
       t.line_end AS line_end, t.page AS page, t.layout AS layout,
       [x IN raw WHERE x.org IS NOT NULL] AS owners, collect(DISTINCT due.raw) AS deadlines
ORDER BY line_start, seq
