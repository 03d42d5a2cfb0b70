/**
 * The criteria file format (bộ tiêu chí), as a zod schema. It checks shape
 * and types only; meaning (sums, codes, bands) is checked by rules.ts on the
 * typed data. The JSON Schema for editors is generated from this schema.
 *
 * Numbers are read as JS numbers here and converted to exact decimals by the
 * model builder: every literal with up to 15 significant digits converts
 * exactly (see Decimal.fromNumber).
 */
import * as z from 'zod';

const code = z.string().describe('Mã, viết trong ngoặc kép, các cấp nối bằng dấu chấm: "1", "1.1", "1.1.2". Code, quoted, dotted by level.');
const name = z.string().describe('Tên hiển thị. Name shown in reports.');
const points = z.number().describe('Số điểm (số thập phân, dấu chấm). Points (a decimal number).');
const text = z.string();

const optionSchema = z
  .strictObject({
    label: z.string().describe('Nhãn lựa chọn, hiện trong danh sách thả xuống. Option label, shown in the dropdown.'),
    points: points.describe('Điểm của lựa chọn này (0..max). Points for this option.'),
  })
  .describe('Một mức chấm. One scoring option.');

/** A band bound: a number, or for `measure: date` a date written YYYY-MM-DD in quotes. */
const bound = z.union([z.number(), z.string()]);

const bandSchema = z
  .strictObject({
    gt: bound.optional().describe('Số liệu lớn hơn (không bằng); ngày "YYYY-MM-DD" nếu measure: date. Measure strictly greater than (a date for measure: date).'),
    gte: bound.optional().describe('Số liệu từ (bằng hoặc lớn hơn); ngày "YYYY-MM-DD" nếu measure: date. Measure greater than or equal to.'),
    lt: bound.optional().describe('Số liệu dưới (không bằng); ngày "YYYY-MM-DD" nếu measure: date. Measure strictly less than.'),
    lte: bound.optional().describe('Số liệu đến (bằng hoặc nhỏ hơn); ngày "YYYY-MM-DD" nếu measure: date. Measure less than or equal to.'),
    points: points.describe('Điểm khi số liệu nằm trong khoảng này. Points when the measure is in this band.'),
    label: z.string().optional().describe('Diễn giải khoảng, ví dụ "Trên 90%". Wording of the band.'),
  })
  .describe('Một khoảng số liệu. One band of the measured value.');

const ifNone = z
  .enum(['full', 'zero', 'not-assessed'])
  .describe(
    'Khi không phát sinh (số liệu 0/0 hoặc "Không phát sinh"): full = điểm tối đa, zero = 0 điểm, not-assessed = không đánh giá (điểm tối đa được loại ra). Không ghi thì 0/0 là lỗi. What "nothing arose" (0/0) scores.',
  );

const ruleSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('options'),
        options: z.array(optionSchema).min(1).describe('Các mức chấm. The options.'),
      })
      .describe('Chọn một mức: mỗi mức một số điểm. Pick one option, each worth fixed points.'),
    z
      .strictObject({
        kind: z.literal('bands'),
        measure: z
          .enum(['percent', 'count', 'date'])
          .describe('percent: tỷ lệ % (0–100, nhập được dạng 45/50); count: số lượng nguyên (≥ 0); date: ngày (dd/mm/yyyy). The measured value: a percentage, a whole count or a date.'),
        overAchievement: z.boolean().optional().describe('Chỉ với percent: tỷ lệ được vượt 100% (vượt kế hoạch, vượt dự toán); các khoảng phủ 0–∞. Percent only: the rate may exceed 100 %.'),
        ifNone: ifNone.optional(),
        bands: z.array(bandSchema).min(1).describe('Các khoảng, phủ kín miền giá trị, không chồng lấn. Bands covering the whole range without overlap.'),
      })
      .describe('Điểm theo khoảng của số liệu. Points by band of a measured value.'),
    z
      .strictObject({
        kind: z.literal('proportional'),
        target: z
          .number()
          .optional()
          .describe('Chỉ tiêu (%) cố định trong bộ tiêu chí: đạt từ chỉ tiêu trở lên được điểm tối đa, dưới thì theo tỷ lệ số liệu / chỉ tiêu. A target (%) fixed in the set.'),
        zeroBelow: z.number().optional().describe('Tỷ lệ (%) dưới mức này thì 0 điểm, từ mức này trở lên thì tính theo tỷ lệ. Below this percentage: 0 points.'),
        ifNone: ifNone.optional(),
      })
      .describe('Điểm = max × đạt được / phải đạt (số liệu dạng a/b hoặc %), làm tròn theo pointsRounding. Points = max × achieved / required.'),
    z
      .strictObject({
        kind: z.literal('per-item'),
        each: points.describe('Điểm cho mỗi trường hợp (mỗi sáng kiến, mỗi báo cáo chậm…). Points per item counted.'),
        cap: points.optional().describe('Tổng điểm tối đa; không ghi thì bằng điểm tối đa của tiêu chí. Cap on the total; default the maximum.'),
        deduct: z.boolean().optional().describe('true: bắt đầu từ điểm tối đa, mỗi trường hợp trừ each (trừ tối đa cap, không dưới 0). true: start at the maximum and take each item off.'),
      })
      .describe('Điểm theo số trường hợp: số lượng × each, không quá cap. Points per item counted, up to a cap.'),
    z
      .strictObject({
        kind: z.literal('checklist'),
        items: z.array(z.string()).min(1).describe('Các nội dung cần thực hiện, hiện trên phiếu để đánh dấu. The items to tick, listed on the form.'),
        bands: z
          .array(bandSchema)
          .min(1)
          .optional()
          .describe('Điểm theo số nội dung đã thực hiện (0..số nội dung); không ghi thì điểm = max × số đã thực hiện / tổng số. Points by number of items done.'),
      })
      .describe('Danh sách nội dung: điểm theo số nội dung đã thực hiện. A checklist scored by the number of items done.'),
    z
      .strictObject({
        kind: z.literal('manual'),
        step: z.number().optional().describe('Bước điểm, ví dụ 0.25; phải chia hết điểm tối đa. Step, e.g. 0.25; must divide the maximum.'),
      })
      .describe('Chấm tay từ 0 đến max. Scored by hand, 0..max.'),
    z
      .strictObject({
        kind: z.literal('survey'),
        source: z.string().optional().describe('Nguồn điều tra, ví dụ "SIPAS" hoặc "Điều tra XHH". Survey source.'),
        scale: z
          .array(
            z.strictObject({
              answer: z.string().describe('Phương án trả lời, đúng như tiêu đề cột trong tệp điều tra, ví dụ "A". Answer, as the survey file heads its column.'),
              share: z.number().describe('Phần trăm điểm của câu hỏi cho phương án này (0–100). Share of the item’s points (%).'),
            }),
          )
          .min(1)
          .optional()
          .describe('Thang điểm phương án trả lời (A 100%, B 60%…): điểm tính từ số phiếu mỗi phương án. Answer scale: points come from answer counts.'),
        groups: z
          .array(
            z.strictObject({
              name: z.string().describe('Nhóm đối tượng khảo sát, đúng như cột "Nhóm" của tệp điều tra. Respondent group.'),
              weight: points.describe('Trọng số của nhóm. Weight of the group.'),
            }),
          )
          .min(1)
          .optional()
          .describe('Nhóm đối tượng và trọng số; không ghi thì mọi phiếu tính chung. Respondent groups and weights.'),
      })
      .describe('Điểm lấy từ kết quả điều tra xã hội học. Points come from the survey results.'),
  ])
  .describe('Cách chấm điểm tiêu chí thành phần; không ghi thì chấm tay 0..max. Scoring rule of a leaf; without one it is scored by hand.');

type RuleInput = z.infer<typeof ruleSchema>;

const nodeFields = {
  code,
  name,
  max: points.describe('Điểm tối đa; bằng tổng điểm tối đa của các mục con. Maximum points; equals the sum of its children’s maxima.'),
  number: z.string().optional().describe('Số thứ tự in trong quyết định, ví dụ "I", "2", "a)"; không ghi thì dùng code. Numbering as the decision prints it.'),
  evidence: text.optional().describe('Tài liệu kiểm chứng cần có. What evidence counts.'),
  guidance: text.optional().describe('Hướng dẫn chấm điểm. Scoring guidance.'),
  skipFor: z.array(z.string()).optional().describe('Đơn vị mang một trong các nhãn này không đánh giá mục này (điểm tối đa được loại ra). Units with any of these tags are not assessed on this node.'),
  maxFor: z
    .array(
      z.strictObject({
        tags: z.array(z.string()).min(1).describe('Nhãn đơn vị. Unit tags.'),
        max: points.describe('Điểm tối đa cho đơn vị mang nhãn này. The maximum for such units.'),
      }),
    )
    .optional()
    .describe('Chỉ ở tiêu chí thành phần: điểm tối đa khác cho loại đơn vị (thành phố/huyện, sở có/không TTHC). Leaves only: a different maximum by kind of unit.'),
};

interface MaxForInput {
  tags: string[];
  max: number;
}

interface NodeInput {
  code: string;
  name: string;
  max: number;
  evidence?: string | undefined;
  guidance?: string | undefined;
  skipFor?: string[] | undefined;
  number?: string | undefined;
  maxFor?: MaxForInput[] | undefined;
  rule?: RuleInput | undefined;
  children?: NodeInput[] | undefined;
}

const nodeSchema: z.ZodType<NodeInput> = z
  .strictObject({
    ...nodeFields,
    rule: ruleSchema.optional(),
    get children(): z.ZodOptional<z.ZodArray<z.ZodType<NodeInput>>> {
      return z.array(nodeSchema).min(1).optional().describe('Các mục con. Child nodes.');
    },
  })
  .describe('Lĩnh vực, tiêu chí hoặc tiêu chí thành phần. An area, criterion or sub-criterion.');

const adjustmentSchema = z
  .strictObject({
    code,
    name,
    kind: z.enum(['bonus', 'penalty']).describe('bonus: điểm thưởng (cộng); penalty: điểm trừ. Bonus (added) or penalty (subtracted).'),
    cap: points.describe('Tổng điểm thưởng/trừ tối đa của phần này. Cap on the part’s total.'),
    area: code.optional().describe('Mã lĩnh vực được cộng/trừ; không ghi thì cộng/trừ vào tổng điểm. The area this part adds to or takes from; default the total.'),
    number: nodeFields.number,
    evidence: nodeFields.evidence,
    guidance: nodeFields.guidance,
    children: z.array(nodeSchema).min(1).describe('Các khoản thưởng/trừ. The bonus or penalty items.'),
  })
  .describe('Phần điểm thưởng hoặc điểm trừ, ngoài tổng điểm. A bonus or penalty part, outside the total.');

const classSchema = z
  .strictObject({
    label: z.string().describe('Tên xếp loại, ví dụ "A" hoặc "Tốt". Class label.'),
    min: z.number().describe('Chỉ số tối thiểu (%), tính cả bằng. Lowest index (%) in this class, inclusive.'),
    minEveryArea: z.number().optional().describe('Mọi lĩnh vực phải đạt từ mức này (%) trở lên mới được xếp loại này. Every area must reach this index (%) for this class.'),
  })
  .describe('Một mức xếp loại. One classification band.');

export const criteriaSetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().describe('Mã bộ tiêu chí. Identifier of the criteria set.'),
    title: z.string().describe('Tên bộ tiêu chí. Title.'),
    year: z.number().int().describe('Năm đánh giá. Year assessed.'),
    total: points.describe('Tổng điểm tối đa; các lĩnh vực phải cộng đúng bằng số này. Total maximum; the areas must add up to it.'),
    precision: z.number().int().min(0).max(4).describe('Số chữ số thập phân cho phép của điểm (0–4). Decimals allowed in points.'),
    decimals: z.number().int().min(0).max(4).optional().describe('Số chữ số thập phân khi hiển thị chỉ số (%), mặc định 2. Display decimals for indexes, default 2.'),
    rounding: z
      .enum(['half-up', 'half-even', 'down'])
      .optional()
      .describe('Cách làm tròn chỉ số (%) khi hiển thị, mặc định half-up (5 làm tròn lên). Rounding of indexes for display, default half-up.'),
    pointsRounding: z
      .enum(['half-up', 'half-even', 'down'])
      .optional()
      .describe('Cách làm tròn điểm tính ra (tỷ lệ, danh sách) đến precision chữ số, mặc định half-up. Rounding of computed points to precision, default half-up.'),
    capAtMax: z.boolean().optional().describe('true: điểm sau thưởng không vượt điểm tối đa (chỉ số không quá 100%). true: bonus cannot take a unit above its maximum.'),
    tieBreaks: z
      .array(
        z.strictObject({
          by: code.describe('Mã lĩnh vực, tiêu chí hoặc phần thưởng/trừ dùng để phân định. Code of the node or part compared.'),
          prefer: z.enum(['higher', 'lower']).describe('higher: điểm cao hơn xếp trên; lower: điểm thấp hơn xếp trên. Which wins.'),
        }),
      )
      .optional()
      .describe('Khi bằng chỉ số: so lần lượt theo các mục này trước khi đồng hạng. Tie-breaks before a rank is shared.'),
    downgradeIf: z.array(code).optional().describe('Mã khoản (thường là điểm trừ): đơn vị có điểm ở khoản này bị hạ một mức xếp loại. Items that lower the class by one.'),
    ties: z.enum(['shared', 'dense']).optional().describe('Đồng hạng: shared (1, 2, 2, 4 — mặc định) hoặc dense (1, 2, 2, 3). Tie rule.'),
    classes: z.array(classSchema).optional().describe('Các mức xếp loại, từ cao xuống thấp. Classification bands, highest first.'),
    areas: z.array(nodeSchema).min(1).describe('Các lĩnh vực. The areas.'),
    adjustments: z.array(adjustmentSchema).optional().describe('Điểm thưởng, điểm trừ. Bonus and penalty parts.'),
  })
  .describe('Bộ chỉ số cải cách hành chính (parscore). A PAR INDEX criteria set.');
