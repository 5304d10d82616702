// How many documents match the documents page's search.
MATCH (d:Document)
WHERE $q = '' OR d.id CONTAINS $q OR d.number CONTAINS $q OR d.title CONTAINS $q
RETURN count(d) AS n
