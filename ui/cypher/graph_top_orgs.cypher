// The most-connected organisations with their stored partner lists (graph/aggregates.py),
// for the whole-graph view; collective parties only when asked for.
MATCH (f:OrgFigures)
WHERE f.task_count > 0 AND ($include_collective OR f.kind <> 'collective')
RETURN f.name AS name, f.kind AS kind, f.level AS level, f.task_count AS tasks,
       f.lead_count AS lead, coalesce(f.partners, []) AS partners
ORDER BY tasks DESC, name
LIMIT $limit
