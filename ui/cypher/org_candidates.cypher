// Organisations matching any spelling: exact name, exact alias, then names and spellings
// that start with or contain the text; busiest first within a rank. Organisations are
// few (hundreds, not tens of thousands), so the scan is cheap; task counts are the
// figures stored per load, read by key.
MATCH (o:Org)
WHERE $q = '' OR o.name CONTAINS $q OR any(a IN coalesce(o.aliases, []) WHERE a CONTAINS $q)
OPTIONAL MATCH (f:OrgFigures {name: o.name})
WITH o, coalesce(f.task_count, 0) AS tasks,
     CASE WHEN o.name = $q THEN 0
          WHEN $q IN coalesce(o.aliases, []) THEN 1
          WHEN o.name STARTS WITH $q OR any(a IN coalesce(o.aliases, []) WHERE a STARTS WITH $q)
            THEN 2
          ELSE 3 END AS rank
RETURN o.name AS name, o.kind AS kind, o.level AS level, coalesce(o.aliases, []) AS aliases,
       tasks, rank
ORDER BY rank, tasks DESC, size(o.name), name
LIMIT $limit
