// @title: 县（市、区）任务负担 | District burden
// @question: 各县（市、区）、开发区涉及多少任务，其中多少由本地单位承担？
// @answers: For each 县（市、区） (and development zone): how many tasks concern it, how
// @answers: many of those its own bodies own (its 政府 or 管委会, or other bodies seated
// @answers: there), and in how many documents.
// @param doc: doc? = null -- only this document: its number or id
// @columns: district, tasks, owned_locally, documents, local_orgs
// @example: --param doc=郑政办〔2017〕53号

MATCH (di:District)<-[:CONCERNS]-(t:Task)<-[:HAS_TASK]-(d:Document)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
OPTIONAL MATCH (di)<-[:IN_DISTRICT]-(o:Org)-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t)
WITH di, t, d, collect(DISTINCT o.name) AS owners_here
WITH di,
     count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN size(owners_here) > 0 THEN t END) AS owned_locally,
     count(DISTINCT d) AS documents,
     collect(owners_here) AS owner_lists
RETURN di.name AS district, tasks, owned_locally, documents,
       reduce(acc = [], names IN owner_lists |
              acc + [n IN names WHERE NOT n IN acc]) AS local_orgs
ORDER BY tasks DESC, district
