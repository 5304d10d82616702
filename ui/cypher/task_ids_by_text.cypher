// Task search anchor: tasks whose text or section heading contains the words. No store we
// support has a portable full-text index, so this is the one scan; it returns ids only
// and stops at $limit.
MATCH (t:Task)
WHERE t.text CONTAINS $q OR t.section CONTAINS $q
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
