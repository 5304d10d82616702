// Task search anchor: tasks concerning a district, or owned by a body seated there.
MATCH (di:District {name: $district})<-[:CONCERNS]-(t:Task)
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
UNION
MATCH (di:District {name: $district})<-[:IN_DISTRICT]-(:Org)-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
RETURN t.id AS id, t.source_file AS file, t.line_start AS line
LIMIT $limit
