// The documents with most tasks (the stored figure), for the graph page's default.
MATCH (d:Document)
WHERE d.task_count > 0
RETURN d.id AS id
ORDER BY d.task_count DESC, id
LIMIT $limit
