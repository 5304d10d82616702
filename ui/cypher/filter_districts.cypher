// Every district name, for the task filter.
MATCH (di:District)
RETURN di.name AS name
ORDER BY name
