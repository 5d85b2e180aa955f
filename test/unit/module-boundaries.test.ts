import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries in eslint.config.js are what keeps modules apart; prove each rule fires on the
// import it exists to refuse, and stays quiet on the import the architecture allows.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (npm run lint)', () => {
  it("refuses a module importing another module's tables, from any depth", async () => {
    expect(
      await boundaryErrors(
        'src/modules/tickets/use-cases/x.ts',
        "import { customers } from '../../customers/customers.tables';\nexport const x = customers;\n",
      ),
    ).toHaveLength(1);
    expect(await boundaryErrors('src/modules/sla/x.ts', "import { tickets } from '../tickets/tickets.tables';\nexport const x = tickets;\n")).toHaveLength(1);
    // Every folder of src/modules is guarded, the reports module (which counts the others' figures) too.
    expect(await boundaryErrors('src/modules/reports/x.ts', "import { rmaOrders } from '../returns/rma.tables';\nexport const x = rmaOrders;\n")).toHaveLength(
      1,
    );
    expect(
      await boundaryErrors('src/modules/refunds/x.ts', "import { reportTicketFacts } from '../reports/reports.tables';\nexport const x = reportTicketFacts;\n"),
    ).toHaveLength(1);
  });

  it("refuses a module naming another module's table in raw SQL", async () => {
    const [result] = await eslint.lintText("import { sql } from 'drizzle-orm';\nexport const x = sql`select ticket_id from report_ticket_facts`;\n", {
      filePath: 'src/modules/parts/x.ts',
    });
    expect((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax')).toHaveLength(1);
  });

  it('lets a module use its own tables, the outbox and other modules’ services', async () => {
    expect(await boundaryErrors('src/modules/tickets/use-cases/x.ts', "import { tickets } from '../tickets.tables';\nexport const x = tickets;\n")).toEqual([]);
    expect(
      await boundaryErrors(
        'src/modules/sla/x.ts',
        "import { outbox } from '../../jobs/outbox.tables';\nimport { ticketRefs } from '../tickets/tickets.service';\nexport const x = [outbox, ticketRefs];\n",
      ),
    ).toEqual([]);
  });

  it('keeps src/domain free of I/O', async () => {
    expect(await boundaryErrors('src/domain/sla/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/domain/sla/x.ts', "import { sql } from 'drizzle-orm';\nexport const x = sql;\n")).toHaveLength(1);
    expect(
      await boundaryErrors('src/domain/sla/x.ts', "import { appendEvent } from '../../modules/audit/audit.service';\nexport const x = appendEvent;\n"),
    ).toHaveLength(1);
    expect(await boundaryErrors('src/domain/sla/x.ts', "import { addWorkingDays } from '../calendar';\nexport const x = addWorkingDays;\n")).toEqual([]);
  });

  it('lets the web app share only the domain with the server', async () => {
    expect(await boundaryErrors('web/src/features/x.ts', "import { buildApp } from '../../../src/http/app';\nexport const x = buildApp;\n")).toHaveLength(1);
    expect(await boundaryErrors('web/src/features/x.ts', "import { ROLES } from '../../../src/domain/identity/roles';\nexport const x = ROLES;\n")).toEqual([]);
  });
});
