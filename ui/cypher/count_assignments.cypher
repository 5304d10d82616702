// How many assignments (role edges): the sum of the per-organisation figures
// graph/aggregates.py stores after each load.
MATCH (f:OrgFigures)
RETURN sum(coalesce(f.lead_count, 0) + coalesce(f.responsible_count, 0)
           + coalesce(f.assist_count, 0)) AS n
