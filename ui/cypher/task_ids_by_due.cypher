// Task search anchor: tasks with a dated deadline in the window. Deadline nodes are few
// (one per date), so the window is found by a scan of them, then their edges.
MATCH (dl:Deadline)
WHERE dl.date IS NOT NULL AND ($due_from = '' OR dl.date >= $due_from)
  AND ($due_to = '' OR dl.date <= $due_to)
MATCH (t:Task)-[:DUE_BY]->(dl)
RETURN DISTINCT t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
