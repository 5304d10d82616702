// Number, title and date of the given documents.
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date
