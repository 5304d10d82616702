// Tasks per organisation and role, from the figures stored per load (graph/aggregates.py).
MATCH (f:OrgFigures)
WHERE f.task_count > 0 AND ($kind = '' OR f.kind = $kind)
RETURN f.name AS org, f.kind AS kind, f.lead_count AS lead,
       f.responsible_count AS responsible, f.assist_count AS assist,
       f.task_count AS total, f.doc_count AS documents
ORDER BY total DESC, lead DESC, org
LIMIT $limit
