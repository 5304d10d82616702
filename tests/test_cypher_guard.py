"""The console's first layer on its own: the tokenizer and the read-clause allow-list
(no server; the server layer is tests/test_console_attacks.py)."""

from __future__ import annotations

import pytest

from errors import ZerenError
from queries.cypher_guard import check_read_only, forbidden_clauses, refusal, tokenize

# Read queries of the kinds the app, the audits and a user at the console write.
READS = [
    "MATCH (o:Org)-[r:LEADS]->(t:Task)<-[:HAS_TASK]-(d:Document)\n"
    "WHERE o.name = $name OR $name IN o.aliases\nRETURN o, r, t, d.number AS doc\nLIMIT 25",
    'RETURN "CREATE" AS word, $n AS n',
    "RETURN 'MERGE' AS x // DELETE everything",
    "MATCH (n) /* SET */ RETURN n.set, $create",
    "MATCH (n:`DROP`) RETURN n",
    "CALL { MATCH (n) RETURN n } RETURN 1",
    "MATCH (o:Org) CALL (o) { MATCH (o)-[:LEADS]->(t) RETURN count(t) AS n } RETURN o.name, n",
    "MATCH (o:Org) WHERE EXISTS { MATCH (o)-[:LEADS]->(:Task) } "
    "RETURN o.name, COUNT { (o)-->() } AS degree",
    "MATCH (o:Org) RETURN o.name, COLLECT { MATCH (o)-[:LEADS]->(t) RETURN t.id } AS ids",
    "MATCH p = shortestPath((a:Org {name: $a})-[*..6]-(b:Org {name: $b})) RETURN p",
    "UNWIND [1, 2, 3] AS x WITH x WHERE x > 1 RETURN x ORDER BY x DESC SKIP 0 LIMIT 2",
    "MATCH (n) RETURN n UNION ALL MATCH (m) RETURN m AS n",
    "MATCH (t:Task) RETURN [x IN t.keywords WHERE x STARTS WITH '市' | toUpper(x)] AS k, "
    "reduce(acc = 0, y IN [1, 2] | acc + y) AS s",
    "MATCH (t:Task) WHERE any(k IN t.keywords WHERE k CONTAINS '税') "
    "RETURN t {.id, .text, n: size(t.text)}",
    "MATCH (d:Deadline) WHERE d.date >= date('2017-10-01') "
    "RETURN date.truncate('month', date(d.date)) AS m, count(*) AS c",
    "MATCH (a)-[r:LEADS|ASSISTS]->(b) WHERE a:Org AND NOT b:Document RETURN type(r), labels(b)",
    "MATCH (o:Org) OPTIONAL MATCH (o)-[:IN_DISTRICT]->(x) "
    "RETURN o.name, CASE WHEN x IS NULL THEN '-' ELSE x.name END AS district;",
    "match (o:Org) return o.name as name order by name asc",
    "MATCH (t:Task) RETURN count(DISTINCT t.doc_id), collect(t.id)[..5], t.seq % 2 = 0",
    "MATCH (n) WHERE n.name =~ '郑州.*' RETURN n.name, $`weird param`",
    "MATCH (n) RETURN n // a comment that ends the text",
    "MATCH (n) RETURN n // x\r",
    "MATCH (n:Org) WHERE n.name IN $names RETURN n LIMIT $n",
    "MATCH (单位:Org) RETURN 单位.name",
    "RETURN 0x1F + 1.5e3 - .5 AS n, [1, 2][0..1] AS s",
    "MATCH (n RETURN n",  # a syntax error: the server says so, the guard lets it through
]


@pytest.mark.parametrize("query", READS)
def test_read_queries_pass(query: str) -> None:
    assert refusal(query) is None
    check_read_only(query)


# (query, code, the refused words the message names)
REFUSED = [
    ("CREATE (n:Org {name: 'x'}) RETURN n", "E320", "CREATE"),
    ("INSERT (:X)", "E320", "INSERT"),
    ("MATCH (t:Task) // x\rDETACH DELETE t", "E320", "DETACH DELETE"),
    ("MATCH (t:Task) // x\r\nDETACH DELETE t", "E320", "DETACH DELETE"),
    ("MATCH (t:Task) // x\u2028DETACH DELETE t", "E320", "DETACH DELETE"),
    ("RETURN 1 // x\rLOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "E320", "LOAD CSV"),
    ("LOAD\n CSV FROM 'x' AS r RETURN r", "E320", "LOAD CSV"),
    ("MATCH (n) SET n.x = 1", "E320", "SET"),
    ("match (n) detach delete n", "E320", "DETACH DELETE"),
    ("MATCH (n) RETURN n UNION MATCH (m) REMOVE m.x RETURN m", "E320", "REMOVE"),
    ("UNWIND [1] AS i FOREACH (x IN [1] | CREATE ())", "E320", "FOREACH"),
    ("MATCH (n) CALL { WITH n DELETE n } RETURN 1", "E320", "DELETE"),
    ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "E320", "TRANSACTIONS"),
    ("ALTER USER root SET PASSWORD 'abcdefghij'", "E320", "ALTER"),
    ("SHOW USERS", "E320", "SHOW"),
    ("USE system MATCH (n) RETURN n", "E320", "USE"),
    ("EXPLAIN MATCH (n) RETURN n", "E320", "EXPLAIN"),
    ("MATCH (n) WITH n AS SET SET n.x = 1", "E320", "SET"),
    ("MATCH (n) RETURN n {.name, create: 1}", "E320", "CREATE"),
    ("ＣＲＥＡＴＥ (n)", "E320", "CREATE"),  # full-width letters
    ("ſet", "E320", "SET"),  # long s
    ("CALL db.labels()", "E321", "CALL db.labels"),
    ("WITH 1 AS x CALL apoc.cypher.run('CREATE (n)', {}) YIELD value RETURN value", "E321",
     "CALL apoc.cypher.run"),
    ("RETURN apoc.load.json('file:///etc/passwd')", "E321", "apoc.load.json()"),
    ("RETURN `apoc.load.json`('x')", "E321", "apoc.load.json()"),
    ("MATCH (n) СREATE (m)", "E321", "СREATE()"),  # a Cyrillic С
    ("RETURN 'unclosed CREATE", "E322", "' …"),
    ("RETURN 1 /* CREATE", "E322", "/* …"),
    ("MATCH (`x) RETURN 1", "E322", "` …"),
    ("RETURN 1\u200bCREATE (n)", "E323", "'\\u200b' (U+200B ZERO WIDTH SPACE)"),
    ("MATCH (n)—[:LEADS]->(m) RETURN n", "E323", "'—' (U+2014 EM DASH)"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "E324", ";"),
    ("MATCH (n:Org) FOO n", "E325", "FOO"),
    ("   // only a comment", "E326", ""),
]


@pytest.mark.parametrize(("query", "code", "what"), REFUSED)
def test_refusals_name_the_clause(query: str, code: str, what: str) -> None:
    err = refusal(query)
    assert err is not None
    assert (err.code, err.refusal.what) == (code, what)  # type: ignore[attr-defined]
    assert " | " in str(err)  # bilingual: 中文 | English
    with pytest.raises(ZerenError) as raised:
        check_read_only(query)
    assert raised.value.code == code
    assert forbidden_clauses(query) == [what]


def test_tokens_keep_strings_names_and_comments_apart() -> None:
    tokens = tokenize("MATCH (n:`a``b`) // c\rWHERE n.x = 'it\\'s' /* d */ RETURN $p")
    assert [(t.kind, t.text) for t in tokens] == [
        ("word", "MATCH"), ("op", "("), ("word", "n"), ("op", ":"), ("name", "a`b"),
        ("op", ")"), ("word", "WHERE"), ("word", "n"), ("op", "."), ("word", "x"),
        ("op", "="), ("string", "'it\\'s'"), ("word", "RETURN"), ("param", "$p"),
    ]  # fmt: skip


def test_a_number_does_not_hide_a_keyword() -> None:
    assert forbidden_clauses("RETURN 1CREATE (n)") == ["CREATE"]
    assert forbidden_clauses("RETURN 0x1CREATE (n)") == ["REATE()"]  # 0x1C, then a call


def test_position_is_reported() -> None:
    query = "MATCH (n) RETURN n // x\rMERGE (m)"
    err = refusal(query)
    assert err is not None and query[err.refusal.pos:].startswith("MERGE")  # type: ignore[attr-defined]
