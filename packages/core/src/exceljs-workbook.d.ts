// exceljs's Workbook class on its own (see newWorkbook in xlsx.ts); the package declares only its main module.
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: typeof import('exceljs').Workbook;
  export default Workbook;
}
