// An organisation, $limit of its tasks (in storage order: sorting a busy organisation's
// thousands of tasks first cost a second) and the other owners of those tasks, as edge rows.
MATCH (c:Org {name: $name})-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WITH DISTINCT t LIMIT $limit
MATCH (a:Org)-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t)
RETURN labels(a)[0] AS source_label, a {.*, documents: null, partners: null, unread: null} AS source, type(r) AS type,
       properties(r) AS props, labels(t)[0] AS target_label, t {.*, documents: null, partners: null, unread: null} AS target
