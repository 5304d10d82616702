// Task search anchor: the tasks of one document, from its key.
MATCH (:Document {id: $doc})-[:HAS_TASK]->(t:Task)
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
