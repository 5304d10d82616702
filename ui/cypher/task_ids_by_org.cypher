// Task search anchor: the tasks of one organisation (in one role, or any), from its key.
MATCH (o:Org {name: $org})-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WHERE $role = '' OR type(r) = $role
RETURN DISTINCT t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
