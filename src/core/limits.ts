/**
 * How much parscore accepts, so that no input can exhaust memory or time.
 * Generous for real use: a national round of 4,000 units × 100 criteria is
 * far inside every limit. Documented in SECURITY.md; each limit has a test
 * just under and just over it.
 */
export const LIMITS = {
  /** A YAML file: criteria set, units, parscore.yaml. */
  yamlBytes: 10 * 1024 * 1024,
  /** A CSV table. */
  tableBytes: 200 * 1024 * 1024,
  /** An .xlsx workbook on disk. */
  workbookBytes: 100 * 1024 * 1024,
  /** A workbook's parts, unpacked, added up (a zip bomb stops here). */
  unpackedBytes: 1024 * 1024 * 1024,
  /** Parts (zip entries) in one workbook. */
  workbookParts: 10_000,
  /** Rows in one sheet (Excel itself stops at 1,048,576). */
  rows: 1_000_000,
  /**
   * Rows in one CSV file. A CSV has no sheet to split into, so the long
   * table of the largest round (roundScores rows, one per unit × leaf) must
   * fit in one file, with room for a header block.
   */
  csvRows: 2_100_000,
  /** Columns in one sheet or CSV file. */
  columns: 1_000,
  /** Nesting of a YAML document (mappings and lists inside each other). */
  yamlDepth: 64,
  /** Levels of a criteria tree (area = 1, criterion = 2, …). */
  treeDepth: 8,
  /** Nodes in a criteria set. */
  nodes: 10_000,
  /** Characters in one cell, CSV field or YAML text value. */
  textLength: 10_000,
  /** Units in a units file. */
  units: 20_000,
  /** Scores in one round: units × leaf criteria (each limit above can hold while their product cannot). */
  roundScores: 2_000_000,
  // — reader —
  /** One part of a workbook, unpacked (bytes actually inflated, not declared). */
  partBytes: 512 * 1024 * 1024,
  /** Cells holding a value, across all sheets of one workbook or a whole CSV file. */
  cells: 20_000_000,
  /** Rows across all sheets of one workbook, each sheet counted to its last row (sheets × rows). */
  sheetRows: 2_000_000,
  /** Strings in a workbook's shared-strings table. */
  sharedStrings: 2_000_000,
  /** Characters in the shared-strings table, added up. */
  sharedStringChars: 100_000_000,
  /** Rich-text runs in the shared-strings table, added up. */
  richTextRuns: 2_000_000,
  /** Merged ranges in one workbook, all sheets together. */
  mergedRanges: 1_000_000,
  /** XML elements in a workbook's parts, added up (parsing time is bounded by this). */
  xmlElements: 30_000_000,
  /** XML elements in a workbook's styles part (Excel itself allows 64,000 cell formats). */
  styleElements: 1_000_000,
  // — results-compact —
  /**
   * A results JSON file (`report results.json`, `previous:`), read a unit at a
   * time (results/results-read.ts). Sized for the largest round the limits
   * above allow, 20,000 units × 100 leaves (roundScores), in version 3: per
   * unit 100 leaves × 152 B + 60 branches × 87 B + 1.4 KB (unit fields, areas;
   * measured on the sample set at 4,000 units) ≈ 21.8 KB, × 20,000 ≈ 436 MB;
   * 512 MiB leaves a fifth more for longer evidence texts.
   */
  resultsBytes: 512 * 1024 * 1024,
} as const;
