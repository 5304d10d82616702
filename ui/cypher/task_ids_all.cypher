// Task search anchor without a selective filter: the first tasks in storage order (only
// those no organisation leads, when asked).
MATCH (t:Task)
WHERE NOT $no_lead OR NOT EXISTS { MATCH (t)<-[:LEADS]-(:Org) }
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
