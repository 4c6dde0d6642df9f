// Every integration test starts from empty tables (tests/setup-db.ts). A file
// whose tests are one scenario over shared rows (the fuzz suite checks what all
// of its payloads left behind) calls shareRowsBetweenTests() at its top.
const state = globalThis as unknown as { __sbShareRows?: boolean };

export function shareRowsBetweenTests(): void {
  state.__sbShareRows = true;
}

export function rowsShared(): boolean {
  return state.__sbShareRows === true;
}
