// Development and test entry of the PDF worker: loads the TypeScript source
// through tsx inside the worker thread (production uses the built bundle).
import { register } from "tsx/esm/api";

register();
const { default: render } = await import("./render-worker.ts");
export default render;
