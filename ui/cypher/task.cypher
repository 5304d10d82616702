// One task with its document, owners (with the clause and line each role was read from),
// deadlines and districts.
MATCH (t:Task {id: $id})<-[:HAS_TASK]-(d:Document)
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, t, collect({org: o.name, kind: o.kind, role: type(r), mention: r.mention,
                    evidence: r.evidence, line: r.line, page: r.page}) AS raw
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, raw, collect({date: dl.date, raw: due.raw, kind: coalesce(due.kind, dl.kind),
                         final: due.final}) AS rawdl
OPTIONAL MATCH (t)-[:CONCERNS]->(di:District)
RETURN properties(t) AS task, properties(d) AS document,
       [x IN raw WHERE x.org IS NOT NULL] AS owners,
       [x IN rawdl WHERE x.raw IS NOT NULL] AS deadlines,
       collect(DISTINCT di.name) AS districts
