// Organisations matching any spelling: exact name, exact alias, then names and spellings
// that start with or contain the text; busiest first within a rank. Organisations are
// few (hundreds, not tens of thousands), so the scan is cheap; task counts are the
// stored figures, not a count of edges.
MATCH (o:Org)
WHERE $q = '' OR o.name CONTAINS $q OR any(a IN coalesce(o.aliases, []) WHERE a CONTAINS $q)
WITH o,
     CASE WHEN o.name = $q THEN 0
          WHEN $q IN coalesce(o.aliases, []) THEN 1
          WHEN o.name STARTS WITH $q OR any(a IN coalesce(o.aliases, []) WHERE a STARTS WITH $q)
            THEN 2
          ELSE 3 END AS rank
RETURN o.name AS name, o.kind AS kind, o.level AS level, coalesce(o.aliases, []) AS aliases,
       coalesce(o.task_count, 0) AS tasks, rank
ORDER BY rank, tasks DESC, size(o.name), name
LIMIT $limit
