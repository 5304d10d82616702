// How many documents (a label count: constant time on both servers).
MATCH (d:Document)
RETURN count(d) AS n
