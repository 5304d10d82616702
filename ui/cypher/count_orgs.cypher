// How many organisations, and how many assignments (role edges): the sum of the figures
// graph/aggregates.py stores on each organisation.
MATCH (o:Org)
RETURN count(o) AS orgs,
       sum(coalesce(o.lead_count, 0) + coalesce(o.responsible_count, 0)
           + coalesce(o.assist_count, 0)) AS assignments
