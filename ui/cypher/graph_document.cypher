// A document, its first $limit tasks (source order) and what those tasks connect to
// (owners, deadlines, districts) among the chosen labels, as edge rows.
MATCH (d:Document {id: $id})-[h:HAS_TASK]->(t:Task)
WITH d, h, t ORDER BY t.line_start LIMIT $limit
WITH collect({a: d, r: h, b: t}) AS own, collect(t) AS tasks
UNWIND tasks AS t
OPTIONAL MATCH (t)-[r:DUE_BY|CONCERNS]->(x)
WITH own, tasks, collect({a: t, r: r, b: x}) AS outs
UNWIND tasks AS t
OPTIONAL MATCH (o:Org)-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t)
WITH own, outs, collect({a: o, r: r, b: t}) AS ins
UNWIND [e IN own WHERE 'Document' IN $labels] + [e IN outs WHERE e.b IS NOT NULL]
       + [e IN ins WHERE e.a IS NOT NULL] AS e
WITH e.a AS a, e.r AS r, e.b AS b
WHERE labels(a)[0] IN $labels AND labels(b)[0] IN $labels
RETURN labels(a)[0] AS source_label, a {.*, documents: null, partners: null, unread: null} AS source, type(r) AS type,
       properties(r) AS props, labels(b)[0] AS target_label, b {.*, documents: null, partners: null, unread: null} AS target
