// The most-connected organisations with their stored partner lists (graph/aggregates.py),
// for the whole-graph view; collective parties only when asked for.
MATCH (o:Org)
WHERE o.task_count > 0 AND ($include_collective OR o.kind <> 'collective')
RETURN o.name AS name, o.kind AS kind, o.level AS level, o.task_count AS tasks,
       o.lead_count AS lead, coalesce(o.partners, []) AS partners
ORDER BY tasks DESC, name
LIMIT $limit
