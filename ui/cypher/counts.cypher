// Overview counts. Node counts are cheap label counts; assignments (role edges) are the
// sum of the per-organisation figures graph/aggregates.py writes after each load.
MATCH (d:Document)
WITH count(d) AS documents
MATCH (t:Task)
WITH documents, count(t) AS tasks
MATCH (o:Org)
RETURN documents, tasks, count(o) AS orgs,
       sum(coalesce(o.lead_count, 0) + coalesce(o.responsible_count, 0)
           + coalesce(o.assist_count, 0)) AS assignments
