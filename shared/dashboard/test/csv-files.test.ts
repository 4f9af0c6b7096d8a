import { csvCell, csvDisposition } from '../rules/csv';

describe('a CSV cell', () => {
  it('leaves null and undefined empty and writes numbers as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
  });
});

describe('the name a CSV is saved as', () => {
  it('is c500-, the export’s name with anything but letters, digits and dashes dropped, and the day', () => {
    expect(csvDisposition('to-ship/../Orders 2', new Date('2026-05-01T14:03:00.000Z'))).toBe('attachment; filename="c500-to-shipOrders2-2026-05-01.csv"');
  });
});
