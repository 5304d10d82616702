// Documents for a picker: those whose number, id or title contains the text (all when
// empty), in storage order; the caller orders the few it gets (no sort of every
// document: 0.2 s at 5,000).
MATCH (d:Document)
WHERE $q = '' OR d.id CONTAINS $q OR d.number CONTAINS $q OR d.title CONTAINS $q
WITH d LIMIT $limit
OPTIONAL MATCH (f:DocumentFigures {id: d.id})
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date,
       coalesce(f.task_count, 0) AS tasks
