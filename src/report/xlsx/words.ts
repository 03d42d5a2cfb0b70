/** Every word the Excel report writes, Vietnamese and English. */
import type { Lang } from '../../core/lang.js';

export const REPORT_SHEETS = {
  vi: { ranking: 'Xếp hạng', areas: 'Theo lĩnh vực', adjustments: 'Điều chỉnh', analysis: 'Phân tích', facts: 'Theo đơn vị', criteria: 'Tiêu chí', sources: 'Nguồn dữ liệu' },
  en: { ranking: 'Ranking', areas: 'By area', adjustments: 'Adjustments', analysis: 'Analysis', facts: 'By unit', criteria: 'Criteria', sources: 'Sources' },
} as const;

/** A province as written in the round file ("Tỉnh Mẫu", "Thành phố Hà Nội"): its kind and its proper name. */
function splitProvince(province: string): { kind: 'tỉnh' | 'thành phố' | null; name: string } {
  const m = /^(tỉnh|thành phố|tp\.?)\s+(.+)$/iu.exec(province.trim());
  if (!m) return { kind: null, name: province.trim() };
  return { kind: /^t[ỉi]nh$/iu.test(m[1]!) ? 'tỉnh' : 'thành phố', name: m[2]! };
}

/** A date of the Vietnamese administrative style (Nghị định 30/2020): days below 10 and months 1–2 written with a 0. */
function vietnameseDateParts(iso: string): { day: string; month: string; year: string } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { day: String(d).padStart(2, '0'), month: m <= 2 ? String(m).padStart(2, '0') : String(m), year: String(y) };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const GAP = '…';

export const WORDS = {
  vi: {
    issuerLines: (province: string | null): string[] => {
      if (province === null) return ['ỦY BAN NHÂN DÂN', `TỈNH ${GAP}`];
      const p = splitProvince(province);
      return ['ỦY BAN NHÂN DÂN', `${p.kind ? `${p.kind} ` : ''}${p.name}`.toLocaleUpperCase('vi')];
    },
    issuerName: (province: string | null): string => {
      if (province === null) return `Ủy ban nhân dân tỉnh ${GAP}`;
      const p = splitProvince(province);
      return `Ủy ban nhân dân ${p.kind ? `${p.kind} ` : ''}${p.name}`;
    },
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    dateLine: (place: string | null, iso: string | null): string => {
      const where = place ?? GAP;
      if (iso === null) return `${where}, ngày ${GAP} tháng ${GAP} năm ${GAP}`;
      const d = vietnameseDateParts(iso);
      return `${where}, ngày ${d.day} tháng ${d.month} năm ${d.year}`;
    },
    annexLine: 'PHỤ LỤC',
    attached: (decision: string | null, iso: string | null, issuer: string): string => {
      const date = iso === null ? `ngày ${GAP} tháng ${GAP} năm ${GAP}` : (({ day, month, year }) => `ngày ${day} tháng ${month} năm ${year}`)(vietnameseDateParts(iso));
      return `(Kèm theo Quyết định số ${decision ?? `${GAP}/QĐ-UBND`} ${date} của ${issuer})`;
    },
    signerTitle: 'TM. ỦY BAN NHÂN DÂN',
    signerName: '(Ký, ghi rõ họ tên, đóng dấu)',
    title: (year: number) => `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year} CỦA CÁC SỞ, BAN, NGÀNH`,
    draft: 'DỰ THẢO',
    /** At the top of every printed page of a report that is not final. */
    pageMark: { draft: 'DỰ THẢO — KHÔNG DÙNG ĐỂ CÔNG BỐ', provisional: 'KẾT QUẢ TẠM THỜI — KHÔNG DÙNG ĐỂ CÔNG BỐ' },
    unscored: (list: string) => `DỰ THẢO — chưa tính được (còn lỗi): ${list}.`,
    unscoredUnit: (name: string, code: string, errors: number) => `${name} (${code}): ${errors} lỗi`,
    provisional: (codes: string) => `KẾT QUẢ TẠM THỜI: chưa thẩm định xong ${codes}. Không dùng để công bố.`,
    stageSelf: 'Xếp hạng theo điểm TỰ CHẤM (chưa thẩm định).',
    rankingHead: [
      'STT',
      'Đơn vị',
      'Điểm tự đánh giá',
      'Điểm thẩm định',
      'Điểm điều tra XHH',
      'Điểm thưởng',
      'Điểm trừ',
      'Tổng điểm',
      'Điểm tối đa áp dụng',
      'Chỉ số (%)',
      'Xếp hạng',
      'Thay đổi so với năm trước',
      'Xếp loại',
    ],
    provisionalMark: 'tạm',
    notSubmittedMark: 'chưa nộp',
    byAreaTitle: (year: number) => `CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC NĂM ${year}`,
    points: 'Điểm',
    rank: 'Hạng',
    average: 'Trung bình',
    averageNote: 'Dòng "Trung bình": trung bình chỉ số (%) của các đơn vị được đánh giá ở lĩnh vực đó, mỗi đơn vị tính trên điểm tối đa áp dụng với mình.',
    unitTitle: (name: string, code: string, index: string, rank: string) => `${name} (${code}) — Chỉ số ${index}%, xếp hạng ${rank}`,
    unitHead: ['Mã', 'Nội dung', 'Điểm tối đa', 'Tự chấm', 'Thẩm định', 'Điều tra XHH', 'Điểm', 'Chênh lệch', 'Lựa chọn / Số liệu', 'Tài liệu kiểm chứng', 'Giải trình', 'Lý do điều chỉnh'],
    na: 'Không áp dụng',
    total: 'TỔNG ĐIỂM (gồm điểm thưởng, điểm trừ)',
    indexRow: 'Chỉ số (%)',
    notAppraised: 'Hội đồng chưa thẩm định: cột "Thẩm định" để trống, điểm xếp hạng tạm lấy điểm tự chấm.',
    adjustmentsTitle: 'CÁC ĐIỂM HỘI ĐỒNG THẨM ĐỊNH ĐIỀU CHỈNH',
    adjustmentsHead: ['STT', 'Mã đơn vị', 'Đơn vị', 'Mã tiêu chí', 'Nội dung', 'Tự chấm', 'Thẩm định', 'Chênh lệch', 'Lý do điều chỉnh', 'Ghi chú'],
    noReason: 'Chưa ghi lý do',
    decisionRound: (round: number, last: boolean) => `Lần ${round}${last ? ' (được dùng)' : ''}`,
    settled: (codes: string) => `Điểm tự chấm không hợp lệ (${codes}); dùng điểm thẩm định`,
    lostTitle: 'ĐIỂM BỊ MẤT THEO TIÊU CHÍ (TOÀN BỘ ĐƠN VỊ)',
    lostHead: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số đơn vị áp dụng', 'Số đơn vị mất điểm', 'Tổng điểm bị mất', 'Bình quân mất / đơn vị'],
    factsTitle: 'KẾT QUẢ THEO ĐƠN VỊ',
    noWeakestArea: 'Không có (mọi lĩnh vực đạt tối đa)',
    factsHead: ['Mã đơn vị', 'Đơn vị', 'Chỉ số (%)', 'Số lĩnh vực đạt ≥ 90%', 'Số lĩnh vực đạt điểm tối đa', 'Lĩnh vực thấp nhất', 'Mất nhiều điểm nhất'],
    criteriaTitle: (t: string) => `BỘ TIÊU CHÍ: ${t}`,
    criteriaHead: ['Mã', 'Nội dung', 'Điểm tối đa', 'Cách chấm'],
    part: (kind: string, cap: string) => `(${kind === 'bonus' ? 'cộng' : 'trừ'} tối đa ${cap} điểm)`,
    sourcesTitle: 'NGUỒN DỮ LIỆU',
    localTime: (d: Date): string => {
      const f = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(
        d,
      );
      const get = (t: string): string => f.find((p) => p.type === t)?.value ?? '';
      return `${get('hour')} giờ ${get('minute')}, ngày ${get('day')}/${get('month')}/${get('year')} (giờ Việt Nam)`;
    },
    sourcesLabels: {
      tool: 'Công cụ',
      made: 'Thời điểm lập báo cáo',
      from: 'Lập từ',
      computedBy: 'Kết quả tính bằng',
      year: 'Năm đánh giá',
      set: 'Bộ tiêu chí',
      setFile: 'Tệp bộ tiêu chí',
      setHash: 'SHA-256 bộ tiêu chí',
      rankedOn: 'Xếp hạng theo',
      rounding: 'Làm tròn chỉ số',
      ties: 'Đồng hạng',
      unitSheets: 'Trang từng đơn vị',
    },
    unitSheetsOmitted: (units: number, mode: string): string =>
      mode === 'none'
        ? 'không lập (--unit-sheets none); xem từng đơn vị bằng lệnh parscore rank --unit <mã>'
        : `không lập: ${units.toLocaleString('vi-VN')} đơn vị, quá số trang LibreOffice mở được; xem từng đơn vị bằng lệnh parscore rank --unit <mã>`,
    rankedOn: (stage: string): string => (stage === 'self' ? 'điểm tự chấm' : 'điểm cuối cùng (thẩm định)'),
    roundingText: (decimals: number, rounding: string) => `${decimals} chữ số thập phân, ${rounding}`,
    tiesText: (ties: string): string => (ties === 'dense' ? 'dense (1, 2, 2, 3)' : 'dùng chung hạng (1, 2, 2, 4)'),
    filesHead: ['Vai trò', 'Tệp', 'SHA-256'],
    roles: {
      workspace: 'Đợt chấm điểm',
      units: 'Danh sách đơn vị',
      evidence: 'Phiếu / dữ liệu chấm điểm',
      survey: 'Kết quả điều tra',
      previous: 'Kết quả năm trước',
      criteria: 'Bộ tiêu chí',
      appraisal: 'Sổ thẩm định của Hội đồng',
    } as Record<string, string>,
  },
  en: {
    issuerLines: (province: string | null): string[] => {
      if (province === null) return ["PEOPLE'S COMMITTEE", `OF ${GAP} PROVINCE`];
      const p = splitProvince(province);
      return ["PEOPLE'S COMMITTEE", `OF ${p.name.toLocaleUpperCase('vi')}${p.kind === 'thành phố' ? ' CITY' : p.kind === 'tỉnh' ? ' PROVINCE' : ''}`];
    },
    issuerName: (province: string | null): string => {
      if (province === null) return `the People's Committee of ${GAP} province`;
      const p = splitProvince(province);
      return `the People's Committee of ${p.name}${p.kind === 'thành phố' ? ' city' : p.kind === 'tỉnh' ? ' province' : ''}`;
    },
    motto: ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness'],
    dateLine: (place: string | null, iso: string | null): string => {
      const where = place ?? GAP;
      if (iso === null) return `${where}, ${GAP}`;
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      return `${where}, ${d} ${EN_MONTHS[m - 1]} ${y}`;
    },
    annexLine: 'ANNEX',
    attached: (decision: string | null, iso: string | null, issuer: string): string => {
      let date = GAP;
      if (iso !== null) {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        date = `${d} ${EN_MONTHS[m - 1]} ${y}`;
      }
      return `(Attached to Decision No. ${decision ?? `${GAP}/QĐ-UBND`} dated ${date} of ${issuer})`;
    },
    signerTitle: "ON BEHALF OF THE PEOPLE'S COMMITTEE",
    signerName: '(Signature, full name, seal)',
    title: (year: number) => `PAR INDEX ${year} OF PROVINCIAL DEPARTMENTS`,
    draft: 'DRAFT',
    pageMark: { draft: 'DRAFT — NOT FOR PUBLICATION', provisional: 'PROVISIONAL RESULTS — NOT FOR PUBLICATION' },
    unscored: (list: string) => `DRAFT — cannot be scored yet (errors): ${list}.`,
    unscoredUnit: (name: string, code: string, errors: number) => `${name} (${code}): ${errors} error${errors === 1 ? '' : 's'}`,
    provisional: (codes: string) => `PROVISIONAL: appraisal not complete for ${codes}. Not for publication.`,
    stageSelf: 'Ranked on SELF-ASSESSED scores (not appraised).',
    rankingHead: ['No.', 'Unit', 'Self-assessed', 'Appraised', 'Survey', 'Bonus', 'Penalty', 'Total points', 'Applicable maximum', 'Index (%)', 'Rank', 'Change on last year', 'Class'],
    provisionalMark: 'provisional',
    notSubmittedMark: 'not submitted',
    byAreaTitle: (year: number) => `AREA INDEXES ${year}`,
    points: 'Points',
    rank: 'Rank',
    average: 'Average',
    averageNote: '"Average": the mean index (%) of the units assessed on the area, each on its own applicable maximum.',
    unitTitle: (name: string, code: string, index: string, rank: string) => `${name} (${code}) — index ${index} %, rank ${rank}`,
    unitHead: ['Code', 'Description', 'Maximum', 'Self', 'Appraised', 'Survey', 'Points', 'Difference', 'Option / measure', 'Evidence', 'Explanation', 'Reason'],
    na: 'Not applicable',
    total: 'TOTAL (with bonus and penalty)',
    indexRow: 'Index (%)',
    notAppraised: 'Not yet appraised by the council: "Appraised" is blank; the ranked points are the self-assessed ones for now.',
    adjustmentsTitle: 'SCORES ADJUSTED BY THE APPRAISAL COUNCIL',
    adjustmentsHead: ['No.', 'Unit code', 'Unit', 'Criterion', 'Description', 'Self', 'Appraised', 'Difference', 'Reason', 'Note'],
    noReason: 'No reason given',
    decisionRound: (round: number, last: boolean) => `Appraisal ${round}${last ? ' (used)' : ''}`,
    settled: (codes: string) => `Self score invalid (${codes}); appraised score used`,
    lostTitle: 'POINTS LOST BY CRITERION (ALL UNITS)',
    lostHead: ['Code', 'Criterion', 'Maximum', 'Units assessed', 'Units losing points', 'Points lost', 'Lost per unit'],
    factsTitle: 'RESULTS BY UNIT',
    noWeakestArea: 'None (every area at full marks)',
    factsHead: ['Unit code', 'Unit', 'Index (%)', 'Areas ≥ 90 %', 'Areas at full marks', 'Weakest area', 'Lost most'],
    criteriaTitle: (t: string) => `CRITERIA SET: ${t}`,
    criteriaHead: ['Code', 'Description', 'Maximum', 'Rule'],
    part: (kind: string, cap: string) => `(${kind === 'bonus' ? 'adds' : 'subtracts'} at most ${cap} points)`,
    sourcesTitle: 'SOURCES',
    localTime: (d: Date): string => {
      const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
      return `${f.format(d)} (Viet Nam time)`;
    },
    sourcesLabels: {
      tool: 'Tool',
      made: 'Report made',
      from: 'Made from',
      computedBy: 'Results computed by',
      year: 'Year',
      set: 'Criteria set',
      setFile: 'Criteria file',
      setHash: 'Criteria SHA-256',
      rankedOn: 'Ranked on',
      rounding: 'Index rounding',
      ties: 'Ties',
      unitSheets: 'Sheet per unit',
    },
    unitSheetsOmitted: (units: number, mode: string): string =>
      mode === 'none'
        ? 'not made (--unit-sheets none); see each unit with parscore rank --unit <code>'
        : `not made: ${units.toLocaleString('en-GB')} units, more sheets than LibreOffice opens; see each unit with parscore rank --unit <code>`,
    rankedOn: (stage: string): string => (stage === 'self' ? 'self-assessed scores' : 'final (appraised) scores'),
    roundingText: (decimals: number, rounding: string) => `${decimals} decimals, ${rounding}`,
    tiesText: (ties: string): string => (ties === 'dense' ? 'dense (1, 2, 2, 3)' : 'shared (1, 2, 2, 4)'),
    filesHead: ['Role', 'File', 'SHA-256'],
    roles: {
      workspace: 'Round file',
      units: 'Units',
      evidence: 'Evidence',
      survey: 'Survey',
      previous: "Last year's results",
      criteria: 'Criteria set',
      appraisal: "Council's appraisal workbook",
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

export type ReportWords = (typeof WORDS)['vi'];
