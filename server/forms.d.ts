// Types for server/forms.js (plain Node ESM, used by server/app.js and the tests).
import type { ServerBuild } from "@remix-run/node";

export function cleanText(value: string): string;
export function cleanFormRequest(request: Request): Promise<Request>;
export function withCleanForms(build: ServerBuild): ServerBuild;
