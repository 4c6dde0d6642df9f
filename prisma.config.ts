// Prisma 7 reads its settings from here. The CLI is only used to generate the
// clients (see scripts/prisma-generate.ts); migrations run through the
// WebAssembly schema engine (scripts/migrate.ts) so that nothing is downloaded.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
