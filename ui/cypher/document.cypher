// One document with its stored figures and the items the extractor could not read
// (Document.unread: "LINE_START-LINE_END<TAB>CODE<TAB>TEXT" strings, when recorded).
MATCH (d:Document {id: $id})
OPTIONAL MATCH (f:DocumentFigures {id: d.id})
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date,
       d.issuer AS issuer, d.source_file AS file, d.line_start AS line_start,
       d.line_end AS line_end, coalesce(f.task_count, 0) AS tasks,
       coalesce(f.assignment_count, 0) AS assignments, coalesce(f.org_count, 0) AS orgs,
       coalesce(f.ownerless_count, 0) AS ownerless, d.unread_count AS unread_count,
       coalesce(d.unread, []) AS unread, d.extractor AS extractor,
       coalesce(d.conventions, []) AS conventions
