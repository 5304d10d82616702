// An organisation's tasks counted per document and role (from the organisation's key).
MATCH (c:Org {name: $name})-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WITH t.doc_id AS doc_id, type(r) AS role, count(t) AS tasks
RETURN doc_id, role, tasks
