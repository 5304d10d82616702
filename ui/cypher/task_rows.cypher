// The rows of the task search: given candidate ids (from one anchor statement), apply
// every other filter and return the page. All filters are optional ('' / false = any).
// Task first: from an UNWIND variable ArcadeDB would otherwise start from every Document.
UNWIND $ids AS id
MATCH (t:Task {id: id})<-[:HAS_TASK]-(d:Document)
WHERE ($q = '' OR t.text CONTAINS $q OR t.section CONTAINS $q)
  AND ($doc = '' OR d.id = $doc)
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
OPTIONAL MATCH (o)-[:IN_DISTRICT]->(od:District)
WITH d, t, collect({org: o.name, role: type(r), kind: o.kind, district: od.name}) AS raw
WITH d, t, [x IN raw WHERE x.org IS NOT NULL] AS owners
WHERE ($org = '' OR any(x IN owners WHERE x.org = $org AND ($role = '' OR x.role = $role)))
  AND ($role = '' OR any(x IN owners WHERE x.role = $role))
  AND (NOT $no_lead OR none(x IN owners WHERE x.role = 'LEADS'))
  AND (NOT $collective_only
       OR (size(owners) > 0 AND all(x IN owners WHERE x.kind = 'collective')))
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, owners, collect(DISTINCT dl.date) AS dates, collect(DISTINCT due.raw) AS phrases
WHERE ($due_from = '' AND $due_to = '')
   OR any(x IN dates WHERE ($due_from = '' OR x >= $due_from) AND ($due_to = '' OR x <= $due_to))
OPTIONAL MATCH (t)-[:CONCERNS]->(di:District)
WITH d, t, owners, dates, phrases, collect(DISTINCT di.name) AS districts
WHERE $district = '' OR $district IN districts OR any(x IN owners WHERE x.district = $district)
RETURN d.id AS doc_id, coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq,
       t.text AS text, t.section AS section, owners, dates, phrases, districts,
       t.source_file AS file, t.line_start AS line_start, t.line_end AS line_end,
       t.page AS page
ORDER BY file, line_start, task_id
