// Generates the Prisma clients for both providers from the one data model.
// `prisma generate` does not need the native schema engine, but the CLI looks
// for it first; pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable keeps it
// from trying a download this machine cannot make.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { root, sqliteSchemaPath, postgresSchemaPath, writePostgresSchema } from "./lib/schema-files.ts";

writePostgresSchema();
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const cli = path.join(root, "node_modules/prisma/build/index.js");
for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schema], { stdio: "inherit", env, cwd: root });
}
