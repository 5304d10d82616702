// Task search anchor without any filter: the first tasks in storage order.
MATCH (t:Task)
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
