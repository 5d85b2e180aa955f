import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

// Libraries only some requests need, loaded by the first of them: importing all four at start-up
// cost every server start and operator command ~0.7 s (exceljs 260 ms, mailparser 170 ms, pdfkit
// 150 ms, imapflow 95 ms, measured with node 20), and most starts never write a workbook or a PDF.
let excel: Promise<typeof ExcelJS> | null = null;
let pdfkit: Promise<typeof PDFDocument> | null = null;
let mailparser: Promise<typeof import('mailparser')> | null = null;
let imapflow: Promise<typeof import('imapflow')> | null = null;

// Both are CommonJS modules: what `import X from` gave is the dynamic import's `default`.
const defaultOf = <T>(m: unknown): T => (m as { default: T }).default;

/** exceljs' namespace (Workbook, …). */
export const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => defaultOf<typeof ExcelJS>(m)));
/** pdfkit's PDFDocument class. */
export const loadPdfKit = (): Promise<typeof PDFDocument> => (pdfkit ??= import('pdfkit').then((m) => defaultOf<typeof PDFDocument>(m)));
export const loadMailParser = () => (mailparser ??= import('mailparser'));
export const loadImapFlow = () => (imapflow ??= import('imapflow'));
