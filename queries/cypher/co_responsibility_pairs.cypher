// @title: 共同责任单位对 | Co-responsibility pairs
// @question: 哪些单位经常被写在同一项任务上，必须协同配合？
// @answers: Pairs of organisations named on the same tasks (in any role), with how many
// @answers: tasks they share and in which documents: who must work together most.
// @param min_shared: int = 2 -- at least this many shared tasks
// @param include_collective: bool = false -- also pair collective parties (各县（市、区）政府 …)
// @param doc: doc? = null -- only this document: its number or id
// @param limit: int = 100 -- at most this many pairs, closest first
// @columns: org_a, org_b, shared, docs
// @example: --param min_shared=5

// a.name < b.name lists each unordered pair once.
MATCH (a:Org)-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(b:Org)
WHERE a.name < b.name
  AND ($include_collective OR (a.kind <> 'collective' AND b.kind <> 'collective'))
MATCH (d:Document)-[:HAS_TASK]->(t)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
WITH a, b, count(DISTINCT t) AS shared, collect(DISTINCT coalesce(d.number, d.id)) AS docs
WHERE shared >= $min_shared
RETURN a.name AS org_a, b.name AS org_b, shared, docs
ORDER BY shared DESC, org_a, org_b
LIMIT $limit
