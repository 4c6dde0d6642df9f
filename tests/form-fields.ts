// What a browser posts for a form whose fields Conform names from a nested
// value: `packages[0].price`, `branding.primaryColor`; a ticked box is "on", an
// unticked one is not sent.
export function formFields(value: unknown, name = ""): Record<string, string> {
  if (value === undefined || value === null || value === false) return {};
  if (value === true) return { [name]: "on" };
  if (typeof value === "string" || typeof value === "number") return { [name]: String(value) };
  if (Array.isArray(value)) return Object.assign({}, ...value.map((item, i) => formFields(item, `${name}[${i}]`)));
  return Object.assign({}, ...Object.entries(value as Record<string, unknown>).map(([key, item]) => formFields(item, name ? `${name}.${key}` : key)));
}
