// Lints source texts at virtual paths with the repository's ESLint config and prints what it
// reports. A process of its own because jest's module sandbox cannot run the dynamic import()
// through which ESLint loads eslint.config.mjs.
//   stdin:  [{ "code": "...", "filePath": "services/auth/src/x.ts" }, ...]
//   stdout: [[{ "ruleId": "...", "severity": 2, "message": "..." }, ...], ...] in the same order
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const cases = JSON.parse(readFileSync(0, 'utf8'));
const reports = [];
for (const { code, filePath } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  reports.push(result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })));
}
process.stdout.write(JSON.stringify(reports));
