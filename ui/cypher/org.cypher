// One organisation with its stored figures (graph/aggregates.py).
MATCH (o:Org {name: $name})
RETURN o.name AS name, o.kind AS kind, o.level AS level, o.known AS known,
       coalesce(o.aliases, []) AS aliases, coalesce(o.task_count, 0) AS tasks,
       coalesce(o.lead_count, 0) AS lead, coalesce(o.responsible_count, 0) AS responsible,
       coalesce(o.assist_count, 0) AS assist, coalesce(o.doc_count, 0) AS documents,
       coalesce(o.partners, []) AS partners
