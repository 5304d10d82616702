// Tasks per organisation and role, from the figures stored on each Org (graph/aggregates.py).
MATCH (o:Org)
WHERE o.task_count > 0 AND ($kind = '' OR o.kind = $kind)
RETURN o.name AS org, o.kind AS kind, o.lead_count AS lead,
       o.responsible_count AS responsible, o.assist_count AS assist,
       o.task_count AS total, o.doc_count AS documents
ORDER BY total DESC, lead DESC, org
LIMIT $limit
