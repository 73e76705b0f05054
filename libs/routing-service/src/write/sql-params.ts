// Numbers the parameters of one SQL statement as its parts are written, so a statement built from several
// common table expressions stays readable: `p.add(values)` returns the placeholder to put in the text.
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** An epoch-ms number parameter, as timestamptz. */
export const ts = (column: string): string => `to_timestamp(${column} / 1000.0)`;
