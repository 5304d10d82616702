// Tasks per month of their final dated deadline, and undated commitments by kind, from
// the figures stored per Deadline (a task has exactly one final deadline).
MATCH (f:DeadlineFigures)
RETURN CASE WHEN f.date IS NULL THEN f.key ELSE substring(f.date, 0, 7) END AS month,
       f.date IS NULL AS undated,
       sum(coalesce(CASE WHEN f.date IS NULL THEN f.task_count ELSE f.final_task_count END, 0))
         AS tasks
ORDER BY month
