// Organisation names for pickers: those with tasks, busiest first (stored figures).
MATCH (f:OrgFigures)
WHERE f.task_count > 0
RETURN f.name AS name, f.task_count AS tasks
ORDER BY tasks DESC, name
LIMIT $limit
