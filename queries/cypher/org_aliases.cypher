// @title: 同一单位的多种写法 | Organisations under several spellings
// @question: 哪些单位在文件里有多种写法？
// @answers: Organisations the documents name in more than one way (市食药监局 and
// @answers: 市食品药品监督管理局, 市金融办 and 市政府金融办 …), with every spelling seen:
// @answers: the aliases the loader recorded plus the mentions on its role edges.
// @param min_spellings: int = 2 -- at least this many distinct spellings
// @columns: org, kind, spellings, count, tasks
// @example: --param min_spellings=3

MATCH (o:Org)
OPTIONAL MATCH (o)-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WITH o, collect(DISTINCT r.mention) AS mentions, count(DISTINCT t) AS tasks
WITH o, tasks, mentions + [a IN coalesce(o.aliases, []) WHERE NOT a IN mentions] AS spellings
WHERE size(spellings) >= $min_spellings
RETURN o.name AS org, o.kind AS kind, spellings, size(spellings) AS count, tasks
ORDER BY count DESC, tasks DESC, org
