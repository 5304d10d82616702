// How many tasks (a label count: constant time on both servers).
MATCH (t:Task)
RETURN count(t) AS n
