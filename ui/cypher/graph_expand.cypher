// The relationships of one node (both directions, at most $limit each way), for "expand".
// One branch per label, each starting from that label's key, so the lookup is indexed.
// The per-load lists (documents, partners, unread) stay out of the rows: they are large.
MATCH (n:Org {name: $key}) WHERE $label = 'Org'
MATCH (n)-[r]-(m) WITH r LIMIT $limit
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN labels(s)[0] AS source_label, s {.*, documents: null, partners: null, unread: null} AS source,
       type(r) AS type, properties(r) AS props, labels(e)[0] AS target_label,
       e {.*, documents: null, partners: null, unread: null} AS target
UNION ALL
MATCH (n:Task {id: $key}) WHERE $label = 'Task'
MATCH (n)-[r]-(m) WITH r LIMIT $limit
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN labels(s)[0] AS source_label, s {.*, documents: null, partners: null, unread: null} AS source,
       type(r) AS type, properties(r) AS props, labels(e)[0] AS target_label,
       e {.*, documents: null, partners: null, unread: null} AS target
UNION ALL
MATCH (n:Document {id: $key}) WHERE $label = 'Document'
MATCH (n)-[r]-(m) WITH r LIMIT $limit
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN labels(s)[0] AS source_label, s {.*, documents: null, partners: null, unread: null} AS source,
       type(r) AS type, properties(r) AS props, labels(e)[0] AS target_label,
       e {.*, documents: null, partners: null, unread: null} AS target
UNION ALL
MATCH (n:District {name: $key}) WHERE $label = 'District'
MATCH (n)-[r]-(m) WITH r LIMIT $limit
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN labels(s)[0] AS source_label, s {.*, documents: null, partners: null, unread: null} AS source,
       type(r) AS type, properties(r) AS props, labels(e)[0] AS target_label,
       e {.*, documents: null, partners: null, unread: null} AS target
UNION ALL
MATCH (n:Deadline {key: $key}) WHERE $label = 'Deadline'
MATCH (n)-[r]-(m) WITH r LIMIT $limit
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN labels(s)[0] AS source_label, s {.*, documents: null, partners: null, unread: null} AS source,
       type(r) AS type, properties(r) AS props, labels(e)[0] AS target_label,
       e {.*, documents: null, partners: null, unread: null} AS target
