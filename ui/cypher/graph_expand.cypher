// The relationships of one node (both directions, at most $limit each way), for "expand".
// One branch per label, each starting from that label's key, so the lookup is indexed.
MATCH (n:Org {name: $key}) WHERE $label = 'Org'
MATCH (n)-[r]-(m) WITH n, r, m LIMIT $limit
RETURN labels(startNode(r))[0] AS source_label, properties(startNode(r)) AS source,
       type(r) AS type, properties(r) AS props, labels(endNode(r))[0] AS target_label,
       properties(endNode(r)) AS target
UNION ALL
MATCH (n:Task {id: $key}) WHERE $label = 'Task'
MATCH (n)-[r]-(m) WITH n, r, m LIMIT $limit
RETURN labels(startNode(r))[0] AS source_label, properties(startNode(r)) AS source,
       type(r) AS type, properties(r) AS props, labels(endNode(r))[0] AS target_label,
       properties(endNode(r)) AS target
UNION ALL
MATCH (n:Document {id: $key}) WHERE $label = 'Document'
MATCH (n)-[r]-(m) WITH n, r, m LIMIT $limit
RETURN labels(startNode(r))[0] AS source_label, properties(startNode(r)) AS source,
       type(r) AS type, properties(r) AS props, labels(endNode(r))[0] AS target_label,
       properties(endNode(r)) AS target
UNION ALL
MATCH (n:District {name: $key}) WHERE $label = 'District'
MATCH (n)-[r]-(m) WITH n, r, m LIMIT $limit
RETURN labels(startNode(r))[0] AS source_label, properties(startNode(r)) AS source,
       type(r) AS type, properties(r) AS props, labels(endNode(r))[0] AS target_label,
       properties(endNode(r)) AS target
UNION ALL
MATCH (n:Deadline {key: $key}) WHERE $label = 'Deadline'
MATCH (n)-[r]-(m) WITH n, r, m LIMIT $limit
RETURN labels(startNode(r))[0] AS source_label, properties(startNode(r)) AS source,
       type(r) AS type, properties(r) AS props, labels(endNode(r))[0] AS target_label,
       properties(endNode(r)) AS target
