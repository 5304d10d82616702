// Task search anchor: the tasks of one organisation (in one role, or any), from its key.
// No DISTINCT: it would read all of a busy body's ten thousand edges before the LIMIT;
// a task held in two roles comes twice and the caller keeps it once.
MATCH (o:Org {name: $org})-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WHERE $role = '' OR type(r) = $role
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
