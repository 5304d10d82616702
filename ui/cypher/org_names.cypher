// Organisation names for pickers: those with tasks, busiest first.
MATCH (o:Org)
WHERE coalesce(o.task_count, 1) > 0
RETURN o.name AS name, coalesce(o.task_count, 0) AS tasks
ORDER BY tasks DESC, name
LIMIT $limit
