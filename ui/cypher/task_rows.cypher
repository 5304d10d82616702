// The rows of the task search: given candidate ids (from one anchor statement), apply
// every other filter and return the rows. All filters are optional ('' / false = any).
// Task first: from an UNWIND variable ArcadeDB would otherwise start from every Document.
// Pattern comprehensions, not OPTIONAL MATCH + collect: ten times faster on the local
// server (100 rows at 100x: 20-40 ms against 150-400 ms); a comprehension nested in
// another, or a two-hop one, was as slow as the OPTIONAL MATCH, so the owners' districts
// are read only when the district filter asks for them.
UNWIND $ids AS id
MATCH (t:Task {id: id})<-[:HAS_TASK]-(d:Document)
WHERE ($q = '' OR t.text CONTAINS $q OR t.section CONTAINS $q)
  AND ($doc = '' OR d.id = $doc)
WITH d, t,
     [(t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org) |
        {org: o.name, role: type(r), kind: o.kind}] AS owners,
     CASE WHEN $district = '' THEN []
          ELSE [(t)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(:Org)-[:IN_DISTRICT]->(od:District) |
                od.name] END AS owner_districts,
     [(t)-[:DUE_BY]->(dl:Deadline) WHERE dl.date IS NOT NULL | dl.date] AS dates,
     [(t)-[due:DUE_BY]->(:Deadline) | due.raw] AS phrases,
     [(t)-[:CONCERNS]->(di:District) | di.name] AS districts
WHERE ($org = '' OR any(x IN owners WHERE x.org = $org AND ($role = '' OR x.role = $role)))
  AND ($role = '' OR any(x IN owners WHERE x.role = $role))
  AND (NOT $no_lead OR none(x IN owners WHERE x.role = 'LEADS'))
  AND (NOT $collective_only
       OR (size(owners) > 0 AND all(x IN owners WHERE x.kind = 'collective')))
  AND (($due_from = '' AND $due_to = '')
       OR any(x IN dates WHERE ($due_from = '' OR x >= $due_from)
                           AND ($due_to = '' OR x <= $due_to)))
  AND ($district = '' OR $district IN districts
       OR $district IN owner_districts)
RETURN d.id AS doc_id, coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq,
       t.text AS text, t.section AS section, owners, dates, phrases, districts,
       t.source_file AS file, t.line_start AS line_start, t.line_end AS line_end,
       t.page AS page
ORDER BY file, line_start, task_id
