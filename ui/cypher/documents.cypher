// One page of documents (newest first), optionally those whose number or title contains
// the text, with the figures graph/aggregates.py stored for each (read for the page only).
MATCH (d:Document)
WHERE $q = '' OR d.id CONTAINS $q OR d.number CONTAINS $q OR d.title CONTAINS $q
WITH d ORDER BY d.date DESC, d.source_file, d.line_start
SKIP $skip
LIMIT $limit
OPTIONAL MATCH (f:DocumentFigures {id: d.id})
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date,
       d.issuer AS issuer, d.source_file AS file, d.line_start AS line_start,
       d.line_end AS line_end, coalesce(f.task_count, 0) AS tasks,
       coalesce(f.assignment_count, 0) AS assignments, coalesce(f.org_count, 0) AS orgs,
       coalesce(f.ownerless_count, 0) AS ownerless, d.unread_count AS unread_count,
       d.extractor AS extractor
