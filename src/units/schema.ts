/** The units file (danh sách đơn vị được đánh giá). */
import * as z from 'zod';

const unitSchema = z
  .strictObject({
    code: z.string().describe('Mã đơn vị, ví dụ SNV. Unit code.'),
    name: z.string().describe('Tên đơn vị, ví dụ Sở Nội vụ. Unit name.'),
    tags: z.array(z.string()).optional().describe('Nhãn, khớp với skipFor của bộ tiêu chí. Tags, matched against the set’s skipFor.'),
    notApplicable: z
      .array(
        z.strictObject({
          code: z.string().describe('Mã lĩnh vực/tiêu chí không áp dụng. Code of the node not assessed.'),
          reason: z.string().optional().describe('Lý do. Reason.'),
        }),
      )
      .optional()
      .describe('Các mục không đánh giá đơn vị này. Nodes this unit is not assessed on.'),
  })
  .describe('Một đơn vị được đánh giá. One assessed unit.');

export const unitsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    units: z.array(unitSchema).min(1).describe('Các đơn vị. The units.'),
  })
  .describe('Danh sách đơn vị (parscore). The units file.');
