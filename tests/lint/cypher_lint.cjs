// Lint Cypher statements with Neo4j's own parser (npm @neo4j-cypher/language-support).
// stdin: a JSON array of {"name": ..., "query": ...}; stdout: a JSON array of
// {"name", "diagnostics": [{"severity", "message", "offset"}]} (severity 1 = error,
// 2 = warning, e.g. a deprecation). Parameters are declared, so "$x is not defined"
// is not reported. Run with NODE_PATH naming the folder that holds node_modules.
"use strict";
const { lintCypherQuery, parseParameters } = require("@neo4j-cypher/language-support");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ name, query }) => {
    const parameters = Object.fromEntries(parseParameters(query, false).map((p) => [p, null]));
    const { diagnostics } = lintCypherQuery(query, { parameters });
    return {
      name,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        message: d.message,
        offset: d.offsets ? d.offsets.start : null,
      })),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
