/** parscore.yaml: one scoring round, with paths relative to the file. */
import * as z from 'zod';

/** How a unit stands in the round; Vietnamese words first, English after. */
export type UnitStatus = 'submitted' | 'not-submitted' | 'exempt';
const UNIT_STATUS_WORDS = ['da-nop', 'chua-nop', 'mien', 'submitted', 'not-submitted', 'exempt'] as const;
export function unitStatusOf(word: (typeof UNIT_STATUS_WORDS)[number]): UnitStatus {
  return word === 'da-nop' ? 'submitted' : word === 'chua-nop' ? 'not-submitted' : word === 'mien' ? 'exempt' : word;
}

export const workspaceSchema = z
  .strictObject({
    $schema: z.string().optional(),
    year: z.number().int().describe('Năm đánh giá. Year assessed.'),
    title: z.string().optional().describe('Tiêu đề kết quả. Title of the results.'),
    province: z.string().optional().describe('Tên tỉnh, cho tiêu đề báo cáo. Province, for report titles.'),
    office: z.string().optional().describe('Cơ quan thực hiện, ví dụ Sở Nội vụ. Office running the round.'),
    annex: z
      .strictObject({
        issuer: z.string().optional().describe('Cơ quan ban hành quyết định (mặc định: Ủy ban nhân dân + tỉnh). Issuing body.'),
        decision: z.string().optional().describe('Số, ký hiệu quyết định, ví dụ 123/QĐ-UBND. Decision number.'),
        // A day that exists (2022-02-30 does not), as zod's ISO date checks it: it is printed on the signed annex.
        date: z.iso.date().optional().describe('Ngày quyết định, YYYY-MM-DD. Decision date.'),
        place: z.string().optional().describe('Địa danh ghi ở dòng ngày tháng. Place in the date line.'),
        signerTitle: z.string().optional().describe('Quyền hạn, chức vụ người ký, ví dụ "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH". Signer’s title.'),
        signerName: z.string().optional().describe('Họ tên người ký. Signer’s name.'),
      })
      .optional()
      .describe('Thể thức phụ lục kèm quyết định (báo cáo Excel). Layout of the annex to the decision.'),
    criteria: z.string().describe('Tệp bộ tiêu chí. Criteria set file.'),
    units: z.string().describe('Tệp danh sách đơn vị. Units file.'),
    evidence: z.string().describe('Thư mục phiếu tự đánh giá, một tệp Excel, hoặc bảng dạng dài (.xlsx/.csv). Evidence folder, workbook or long table.'),
    survey: z.string().optional().describe('Kết quả điều tra XHH (.xlsx/.csv). Survey results.'),
    previous: z.string().optional().describe('Kết quả năm trước (results.json của parscore). Last year’s results.'),
    appraisal: z.string().optional().describe('Thư mục hoặc tệp sổ thẩm định của Hội đồng (lệnh appraisal ghi). The council’s appraisal workbooks.'),
    status: z.record(z.string(), z.enum(UNIT_STATUS_WORDS)).optional().describe('Tình trạng đơn vị: da-nop, chua-nop, mien (mặc định da-nop). Unit status: submitted, not-submitted, exempt.'),
  })
  .describe('Một đợt chấm điểm (parscore.yaml). One scoring round.');
