// Tasks per month of their final dated deadline, and undated commitments by kind, from
// the figures on each Deadline node (a task has exactly one final deadline).
MATCH (dl:Deadline)
RETURN CASE WHEN dl.date IS NULL THEN dl.key ELSE substring(dl.date, 0, 7) END AS month,
       dl.date IS NULL AS undated,
       sum(coalesce(CASE WHEN dl.date IS NULL THEN dl.task_count ELSE dl.final_task_count END, 0))
         AS tasks
ORDER BY month
