// One page of documents (newest first), optionally those whose number or title contains
// the text, with the counts graph/aggregates.py stored on each; $total counts the matches.
MATCH (d:Document)
WHERE $q = '' OR d.id CONTAINS $q OR d.number CONTAINS $q OR d.title CONTAINS $q
WITH d ORDER BY d.date DESC, d.source_file, d.line_start
SKIP $skip
LIMIT $limit
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date,
       d.issuer AS issuer, d.source_file AS file, d.line_start AS line_start,
       d.line_end AS line_end, coalesce(d.task_count, 0) AS tasks,
       coalesce(d.assignment_count, 0) AS assignments, coalesce(d.org_count, 0) AS orgs,
       coalesce(d.ownerless_count, 0) AS ownerless, d.unread_count AS unread_count,
       d.extractor AS extractor
