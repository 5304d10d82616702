// Task search anchor: tasks whose text or section heading contains the words (and, when
// asked, that no organisation leads). No store we support has a portable full-text
// index, so this is the one scan; it returns ids only and stops at $limit.
MATCH (t:Task)
WHERE (t.text CONTAINS $q OR t.section CONTAINS $q)
  AND (NOT $no_lead OR NOT EXISTS { MATCH (t)<-[:LEADS]-(:Org) })
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
