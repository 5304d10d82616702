// @title: 文件任务概况 | Per-document summary
// @question: 每份文件分解了多少任务、涉及多少单位、多少任务有期限、多少没有牵头单位？
// @answers: For each document: its tasks, distinct owners, distinct dated deadlines,
// @answers: tasks with any deadline, and how many (and what share) of its tasks have no
// @answers: lead.
// @param doc: doc? = null -- only this document: its number or id
// @param year: int? = null -- only documents issued in this year
// @param min_tasks: int = 1 -- hide documents with fewer tasks (0 lists every document)
// @columns: doc, title, date, tasks, owners, deadlines, with_deadline, no_lead, no_lead_pct
// @example: --param year=2017

MATCH (d:Document)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
  AND ($year IS NULL OR d.year = $year)
OPTIONAL MATCH (d)-[:HAS_TASK]->(:Task)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, count(DISTINCT o) AS owners
OPTIONAL MATCH (d)-[:HAS_TASK]->(:Task)-[:DUE_BY]->(dl:Deadline)
WHERE dl.date IS NOT NULL
WITH d, owners, count(DISTINCT dl.date) AS deadlines
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)<-[l:LEADS]-(:Org)
WITH d, owners, deadlines, t, count(l) AS leads
OPTIONAL MATCH (t)-[due:DUE_BY]->(:Deadline)
WITH d, owners, deadlines, t, leads, count(due) AS dues
WITH d, owners, deadlines,
     count(t) AS tasks,
     sum(CASE WHEN t IS NOT NULL AND dues > 0 THEN 1 ELSE 0 END) AS with_deadline,
     sum(CASE WHEN t IS NOT NULL AND leads = 0 THEN 1 ELSE 0 END) AS no_lead
WHERE tasks >= $min_tasks
RETURN coalesce(d.number, d.id) AS doc, d.title AS title, d.date AS date, tasks, owners,
       deadlines, with_deadline, no_lead,
       CASE WHEN tasks = 0 THEN null ELSE round(1000.0 * no_lead / tasks) / 10.0 END
         AS no_lead_pct
ORDER BY date, doc
