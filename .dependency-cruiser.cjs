// The shape of app/, checked by `npm run lint` (depcruise): no import cycles,
// pure domain code, server-only code out of the browser bundle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "Modules that import each other (directly or around a loop) can't be understood or tested one at a time.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "app/domain holds the rules of the trade (questionnaire, strategy, pricing, taxes): no database, no Remix, no server-only module.",
      from: { path: "^app/domain/" },
      to: { path: ["^app/(models|routes|utils|pdf|emails|components)/", "\\.server\\.tsx?$"] },
    },
    {
      name: "domain-runs-no-io",
      severity: "error",
      comment: "app/domain may name a library's types (Stripe's event shapes), never run its code.",
      from: { path: "^app/domain/" },
      to: { path: "^node_modules/(@remix-run|@prisma|better-sqlite3|pg|stripe|nodemailer|express)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "models-not-ui",
      severity: "error",
      comment: "app/models is data access: it never imports routes or components.",
      from: { path: "^app/models/" },
      to: { path: "^app/(routes|components)/" },
    },
    {
      name: "no-server-in-components",
      severity: "error",
      comment: "Components end up in the browser bundle: they may import types from server modules, never the modules.",
      from: { path: "^app/components/" },
      to: { path: "\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^app/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
