// The few parts of daff (no types of its own) that the HTML page uses.
declare module 'daff' {
  export class TableView {
    constructor(data: string[][]);
  }
  export class CompareFlags {
    ordered: boolean;
    unchanged_context: number;
    show_unchanged_columns: boolean;
    unchanged_column_context: number;
    use_glyphs: boolean;
    addPrimaryKey(column: string): void;
  }
  export class TableDiff {
    constructor(alignment: unknown, flags: CompareFlags);
    hilite(output: TableView): boolean;
  }
  export class DiffRender {
    usePrettyArrows(flag: boolean): void;
    quoteHtml(flag: boolean): void;
    render(table: TableView): DiffRender;
    html(): string;
    sampleCss(): string;
  }
  export function compareTables(a: TableView, b: TableView, flags?: CompareFlags): { align(): unknown };
  const daff: {
    TableView: typeof TableView;
    CompareFlags: typeof CompareFlags;
    TableDiff: typeof TableDiff;
    DiffRender: typeof DiffRender;
    compareTables: typeof compareTables;
  };
  export default daff;
}
