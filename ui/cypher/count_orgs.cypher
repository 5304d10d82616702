// How many organisations (a label count).
MATCH (o:Org)
RETURN count(o) AS orgs
