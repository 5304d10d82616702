// One organisation with its stored figures (graph/aggregates.py).
MATCH (o:Org {name: $name})
OPTIONAL MATCH (f:OrgFigures {name: o.name})
RETURN o.name AS name, o.kind AS kind, o.level AS level, o.known AS known,
       coalesce(o.aliases, []) AS aliases, coalesce(f.task_count, 0) AS tasks,
       coalesce(f.lead_count, 0) AS lead, coalesce(f.responsible_count, 0) AS responsible,
       coalesce(f.assist_count, 0) AS assist, coalesce(f.doc_count, 0) AS documents,
       coalesce(f.partners, []) AS partners
