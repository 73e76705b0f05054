// CI gate: the committed migrations must produce exactly the database that prisma/schema.prisma describes.
// Applies every migration with the project's own runner to a throwaway in-memory PGlite, then asks Prisma's
// schema engine (WebAssembly build, no native binary, no network) to diff that database against the schema.
//   tsx scripts/check-migrations.ts   exit 0 in sync; 1 drift (prints the missing SQL); 2 broken input
// SCHEMA_PATH and MIGRATIONS_DIR override the default locations.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg' with {
  'resolution-mode': 'import',
};
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { readMigrationFiles } from '../libs/persistence/src/migrate/migration-files.reader';
import { runMigrations } from '../libs/persistence/src/migrate/migrate.runner';
import { pgliteSqlSession } from '../libs/persistence/src/migrate/sql-session.adapter';

interface SchemaFile {
  readonly path: string;
  readonly content: string;
}

/** The wasm-bindgen glue module: the engine class, plus the hook that hands it the instantiated wasm. */
interface EngineGlue {
  readonly SchemaEngine: typeof SchemaEngine;
  __wbg_set_wasm(exports: WasmExports): void;
}

type WasmExports = Record<string, unknown> & { readonly __wbindgen_start?: () => void };

// The project compiles against ES2023 without DOM typings, which is where WebAssembly's types live.
interface WasmRuntime {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: WasmExports }>;
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const EMPTY_DIFF = /^\s*(--[^\n]*\n?\s*)*$/;

async function main(): Promise<number> {
  const started = performance.now();
  const schemaPath = resolve(process.env.SCHEMA_PATH || 'prisma/schema.prisma');
  const migrationsDir = resolve(process.env.MIGRATIONS_DIR || 'prisma/migrations');
  const schema: SchemaFile = { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
  const migrations = readMigrationFiles(migrationsDir);

  const db = new PGlite();
  let engine: SchemaEngine | undefined;
  try {
    // The project's runner awaits every script, so a failing migration stops here with its name.
    await runMigrations(pgliteSqlSession(db), { migrations });
    engine = await openSchemaEngine(schema, db);
    const diff = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    const script = diff.stdout ?? '';
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (diff.exitCode === 0 && EMPTY_DIFF.test(script)) {
      process.stdout.write(`schema and migrations agree (${migrations.length} migrations, ${seconds} s)\n`);
      return 0;
    }
    process.stderr.write(
      `schema and migrations disagree: applying ${migrations.length} migrations to an empty database ` +
        `does not give ${schemaPath}.\nThis SQL is missing from the migrations:\n\n${script}\n` +
        'Create a migration for it (prisma migrate dev --create-only, or an equivalent that writes the ' +
        'standard prisma/migrations folder layout); never edit a migration that was already applied.\n',
    );
    return 1;
  } finally {
    engine?.free();
    await db.close();
  }
}

// The package's entry point imports the .wasm file as an ES module, which Node 20 cannot do without a
// flag; instantiating the module by hand and handing it to the generated glue is equivalent.
async function openSchemaEngine(schema: SchemaFile, db: PGlite): Promise<SchemaEngine> {
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineGlue;
  const wasm = await wasmRuntime.compile(readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm')));
  const instance = await wasmRuntime.instantiate(wasm, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  const log = (message: string): void => {
    if (process.env.DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${message}\n`);
  };
  return glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`check-migrations failed: ${message}\n`);
    process.exitCode = 2;
  },
);
