// The documents with most tasks (the stored figures), for the graph page's default.
MATCH (f:DocumentFigures)
WHERE f.task_count > 0
RETURN f.id AS id
ORDER BY f.task_count DESC, id
LIMIT $limit
