/**
 * Messages for every diagnostic code, in Vietnamese and English. The codes
 * are stable and documented in docs/diagnostics.md; the words may improve.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatNumberText, type Lang } from './lang.js';

type P = Record<string, string | number>;
type Msg = (p: P, n: (v: string | number | undefined) => string) => string;

const TYPE_VI: Record<string, string> = {
  number: 'một số',
  string: 'một đoạn chữ',
  array: 'một danh sách',
  object: 'một nhóm khóa',
  integer: 'một số nguyên',
  int: 'một số nguyên',
  boolean: 'đúng/sai',
  undefined: 'không có gì',
  null: 'để trống',
};
const TYPE_EN: Record<string, string> = {
  number: 'a number',
  string: 'text',
  array: 'a list',
  object: 'a mapping of keys',
  integer: 'a whole number',
  int: 'a whole number',
  boolean: 'true/false',
  undefined: 'nothing',
  null: 'an empty value',
};

const vi: Record<string, Msg> = {
  'file-not-found': (p) => `Không tìm thấy tệp "${p.path}".`,
  'file-is-directory': (p) => `"${p.path}" là một thư mục, không phải tệp. Hãy chỉ ra tệp cụ thể, ví dụ ${p.path}/ten-tep.yaml.`,
  'file-unreadable': (p) => `Không đọc được tệp "${p.path}": ${p.reason}.`,
  'file-too-large': (p, n) => `Tệp quá lớn (${n(p.size)} MB; tối đa ${n(p.limit)} MB).`,
  'file-not-utf8': () => 'Tệp không phải văn bản UTF-8. Hãy lưu lại tệp với mã hóa UTF-8.',
  'empty-file': () => 'Tệp trống: chưa có nội dung nào.',
  'not-a-mapping': () => 'Tệp phải là một nhóm khóa YAML (id:, title:, areas: …), không phải một danh sách hay một giá trị đơn.',
  'yaml-syntax': (p) => `Lỗi cú pháp YAML: ${yamlHintVi(String(p.yamlCode))} (${p.detail})`,
  'yaml-duplicate-key': (p) => `Khóa "${p.key}" bị lặp lại trong cùng một nhóm; mỗi khóa chỉ được ghi một lần.`,
  'yaml-unsafe-tag': (p) => `Thẻ YAML "${p.tag}" không được phép: tệp tiêu chí chỉ chứa dữ liệu thuần (chữ, số, danh sách).`,
  'yaml-alias-limit': (p) => `Tệp dùng quá nhiều tham chiếu YAML (alias, quá ${p.limit}); có thể là tệp độc hại. Hãy viết trực tiếp các giá trị.`,
  'code-not-quoted': (p) => `Mã ${p.typed} phải đặt trong ngoặc kép: code: "${p.typed}". Nếu không, YAML đọc thành số ${p.read}.`,
  'unknown-key': (p) =>
    p.commaHint
      ? `"${p.key}" bị đọc thành một khóa vì có dấu phẩy trong { … }: hãy đặt cả giá trị có dấu phẩy trong ngoặc kép, ví dụ name: "A, B".`
      : `Khóa "${p.key}" không hợp lệ ở đây.` + (p.suggestion ? ` Có phải ý bạn là "${p.suggestion}"?` : p.allowed ? ` Các khóa hợp lệ: ${p.allowed}.` : ''),
  'missing-key': (p) => `Thiếu khóa bắt buộc "${p.key}".`,
  'invalid-type': (p) => `"${p.key}" phải là ${TYPE_VI[String(p.expected)] ?? p.expected}, nhưng đang là ${TYPE_VI[String(p.received)] ?? p.received}${p.typed ? ` (${p.typed})` : ''}.`,
  'decimal-comma': (p) => `"${p.key}" phải là số viết bằng dấu chấm thập phân: ${p.fixed} thay vì ${p.typed}.`,
  'invalid-value': (p) => `Giá trị "${p.value}" của "${p.key}" không hợp lệ.${p.allowed ? ` Dùng một trong: ${p.allowed}.` : ''}`,
  'invalid-format': (p) => `"${p.key}" không đúng định dạng.`,
  'list-too-short': (p) => `Danh sách "${p.key}" phải có ít nhất ${p.bound} mục.`,
  'list-too-long': (p) => `Danh sách "${p.key}" có quá nhiều mục (tối đa ${p.bound}).`,
  'number-too-small': (p, n) => `"${p.key}" phải từ ${n(p.bound)} trở lên (đang là ${n(p.value)}).`,
  'number-too-large': (p, n) => `"${p.key}" phải không quá ${n(p.bound)} (đang là ${n(p.value)}).`,
  'id-format': (p) => `Mã bộ tiêu chí "${p.id}" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ so-nganh-2021).`,
  'code-format': (p) => `Mã "${p.code}" không hợp lệ: chỉ gồm chữ, số và dấu chấm ngăn cách các cấp (ví dụ "1.2.3").`,
  'duplicate-code': (p) => `Mã "${p.code}" bị trùng: mỗi mục phải có mã riêng.`,
  'code-prefix': (p) =>
    p.parent
      ? `Mã "${p.code}" phải nối tiếp mã mục cha "${p.parent}" thêm đúng một cấp (ví dụ "${p.parent}.1").`
      : `Mã "${p.code}" của lĩnh vực chỉ có một cấp (ví dụ "1", "2").`,
  'empty-name': (p) => `Tên của "${p.code}" đang để trống.`,
  'max-not-positive': (p, n) => `Điểm tối đa của "${p.code}" phải lớn hơn 0 (đang là ${n(p.max)}).`,
  'precision-exceeded': (p, n) => `Giá trị ${n(p.value)} ở "${p.code}" có nhiều hơn ${p.precision} chữ số thập phân cho phép (precision: ${p.precision}).`,
  'sum-mismatch': (p, n) => `Tổng điểm tối đa của ${p.count} mục con là ${n(p.sum)}, khác điểm tối đa ${n(p.max)} của "${p.code}".`,
  'total-mismatch': (p, n) => `Tổng điểm tối đa của các lĩnh vực là ${n(p.sum)}, khác tổng điểm ${n(p.total)} (total).`,
  'children-and-rule': (p) => `"${p.code}" có mục con nên không được có cách chấm (rule): điểm của nó là tổng điểm các mục con.`,
  'option-out-of-range': (p, n) => `Lựa chọn "${p.label}" của "${p.code}" cho ${n(p.points)} điểm, ngoài khoảng 0 đến ${n(p.max)}.`,
  'option-duplicate-label': (p) => `Lựa chọn "${p.label}" của "${p.code}" bị trùng tên.`,
  'option-never-max': (p, n) => `Không lựa chọn nào của "${p.code}" cho đủ điểm tối đa ${n(p.max)}: không đơn vị nào đạt điểm tối đa mục này.`,
  'band-invalid': (p) => `Một khoảng của "${p.code}" ghi cả ${p.both}; chỉ dùng một trong hai.`,
  'band-empty': (p, n) => `Khoảng từ ${n(p.lower)} đến ${n(p.upper)} của "${p.code}" không chứa giá trị nào.`,
  'band-points-out-of-range': (p, n) => `Một khoảng của "${p.code}" cho ${n(p.points)} điểm, ngoài khoảng 0 đến ${n(p.max)}.`,
  'band-gap': (p, n) =>
    p.from === p.to
      ? `Các khoảng của "${p.code}" bỏ sót giá trị đúng bằng ${n(p.from)}: số liệu này không được chấm điểm.`
      : `Các khoảng của "${p.code}" để hở từ ${n(p.from)} đến ${n(p.to)}: số liệu trong đó không được chấm điểm.`,
  'band-overlap': (p, n) => `Các khoảng của "${p.code}" chồng lên nhau tại ${n(p.at)}: một số liệu rơi vào hai khoảng.`,
  'band-out-of-domain': (p) => `Một khoảng của "${p.code}" nằm ngoài 0–100%, không số liệu tỷ lệ nào rơi vào đó.`,
  'step-not-positive': (p, n) => `Bước điểm của "${p.code}" phải lớn hơn 0 (đang là ${n(p.step)}).`,
  'step-not-divisor': (p, n) => `Bước điểm ${n(p.step)} không chia hết điểm tối đa ${n(p.max)} của "${p.code}".`,
  'class-order': (p, n) => `Mức xếp loại "${p.label}" (từ ${n(p.min)}%) phải thấp hơn mức "${p.previous}" đứng trước: hãy xếp từ cao xuống thấp.`,
  'class-range': (p, n) => `Ngưỡng ${n(p.min)}% của mức xếp loại "${p.label}" phải trong khoảng 0–100.`,
  'class-duplicate': (p) => `Mức xếp loại "${p.label}" bị trùng tên.`,
};

const en: Record<string, Msg> = {
  'file-not-found': (p) => `File "${p.path}" not found.`,
  'file-is-directory': (p) => `"${p.path}" is a folder, not a file. Name a file, e.g. ${p.path}/name.yaml.`,
  'file-unreadable': (p) => `Cannot read "${p.path}": ${p.reason}.`,
  'file-too-large': (p, n) => `File too large (${n(p.size)} MB; at most ${n(p.limit)} MB).`,
  'file-not-utf8': () => 'The file is not UTF-8 text. Save it again with UTF-8 encoding.',
  'empty-file': () => 'The file is empty.',
  'not-a-mapping': () => 'The file must be a YAML mapping (id:, title:, areas: …), not a list or a single value.',
  'yaml-syntax': (p) => `YAML syntax error: ${p.detail}`,
  'yaml-duplicate-key': (p) => `Key "${p.key}" appears twice in the same mapping; write each key once.`,
  'yaml-unsafe-tag': (p) => `YAML tag "${p.tag}" is not allowed: criteria files hold plain data only (text, numbers, lists).`,
  'yaml-alias-limit': (p) => `The file expands too many YAML aliases (over ${p.limit}); it may be malicious. Write the values out.`,
  'code-not-quoted': (p) => `Code ${p.typed} must be quoted: code: "${p.typed}". Unquoted, YAML reads it as the number ${p.read}.`,
  'unknown-key': (p) =>
    p.commaHint
      ? `"${p.key}" was read as a key because of a comma inside { … }: quote the whole value that holds the comma, e.g. name: "A, B".`
      : `Unknown key "${p.key}".` + (p.suggestion ? ` Did you mean "${p.suggestion}"?` : p.allowed ? ` Valid keys: ${p.allowed}.` : ''),
  'missing-key': (p) => `Missing required key "${p.key}".`,
  'invalid-type': (p) => `"${p.key}" must be ${TYPE_EN[String(p.expected)] ?? p.expected}, not ${TYPE_EN[String(p.received)] ?? p.received}${p.typed ? ` (${p.typed})` : ''}.`,
  'decimal-comma': (p) => `"${p.key}" must be a number with a decimal point: ${p.fixed}, not ${p.typed}.`,
  'invalid-value': (p) => `"${p.value}" is not a valid value for "${p.key}".${p.allowed ? ` Use one of: ${p.allowed}.` : ''}`,
  'invalid-format': (p) => `"${p.key}" has the wrong format.`,
  'list-too-short': (p) => `List "${p.key}" needs at least ${p.bound} item(s).`,
  'list-too-long': (p) => `List "${p.key}" has too many items (at most ${p.bound}).`,
  'number-too-small': (p) => `"${p.key}" must be at least ${p.bound} (it is ${p.value}).`,
  'number-too-large': (p) => `"${p.key}" must be at most ${p.bound} (it is ${p.value}).`,
  'id-format': (p) => `Criteria set id "${p.id}" may hold only lower-case letters without diacritics, digits and hyphens (e.g. so-nganh-2021).`,
  'code-format': (p) => `Code "${p.code}" is not valid: letters and digits only, levels separated by dots (e.g. "1.2.3").`,
  'duplicate-code': (p) => `Code "${p.code}" is used twice: every node needs its own code.`,
  'code-prefix': (p) =>
    p.parent ? `Code "${p.code}" must extend its parent's code "${p.parent}" by exactly one level (e.g. "${p.parent}.1").` : `Area code "${p.code}" must have a single level (e.g. "1", "2").`,
  'empty-name': (p) => `The name of "${p.code}" is empty.`,
  'max-not-positive': (p) => `The maximum of "${p.code}" must be above 0 (it is ${p.max}).`,
  'precision-exceeded': (p) => `Value ${p.value} at "${p.code}" has more than the ${p.precision} decimals allowed (precision: ${p.precision}).`,
  'sum-mismatch': (p) => `The maxima of the ${p.count} children add up to ${p.sum}, not to the maximum ${p.max} of "${p.code}".`,
  'total-mismatch': (p) => `The areas' maxima add up to ${p.sum}, not to the total ${p.total}.`,
  'children-and-rule': (p) => `"${p.code}" has children, so it cannot have a rule: its points are the sum of its children's.`,
  'option-out-of-range': (p) => `Option "${p.label}" of "${p.code}" gives ${p.points} points, outside 0 to ${p.max}.`,
  'option-duplicate-label': (p) => `Option "${p.label}" of "${p.code}" appears twice.`,
  'option-never-max': (p) => `No option of "${p.code}" gives its full ${p.max} points: no unit can reach the maximum here.`,
  'band-invalid': (p) => `A band of "${p.code}" gives both ${p.both}; use only one.`,
  'band-empty': (p) => `The band from ${p.lower} to ${p.upper} of "${p.code}" holds no value.`,
  'band-points-out-of-range': (p) => `A band of "${p.code}" gives ${p.points} points, outside 0 to ${p.max}.`,
  'band-gap': (p) =>
    p.from === p.to
      ? `The bands of "${p.code}" miss the value ${p.from} itself: such a measure gets no points.`
      : `The bands of "${p.code}" leave a gap from ${p.from} to ${p.to}: a measure there gets no points.`,
  'band-overlap': (p) => `The bands of "${p.code}" overlap at ${p.at}: one measure falls in two bands.`,
  'band-out-of-domain': (p) => `A band of "${p.code}" lies outside 0–100 %, where no percentage falls.`,
  'step-not-positive': (p) => `The step of "${p.code}" must be above 0 (it is ${p.step}).`,
  'step-not-divisor': (p) => `Step ${p.step} does not divide the maximum ${p.max} of "${p.code}".`,
  'class-order': (p) => `Class "${p.label}" (from ${p.min} %) must be lower than "${p.previous}" before it: list classes from highest to lowest.`,
  'class-range': (p) => `Threshold ${p.min} % of class "${p.label}" must be within 0–100.`,
  'class-duplicate': (p) => `Class "${p.label}" appears twice.`,
};

function yamlHintVi(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'thụt lề hoặc dấu ngoặc không khớp';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'thiếu dấu hai chấm hoặc khóa viết trên nhiều dòng';
    case 'TAB_AS_INDENT':
      return 'dùng phím Tab để thụt lề (hãy dùng dấu cách)';
    case 'UNEXPECTED_TOKEN':
      return 'có ký tự không mong đợi';
    case 'MULTIPLE_DOCS':
      return 'tệp chứa nhiều tài liệu YAML (dấu ---)';
    default:
      return 'tệp không đúng cú pháp YAML';
  }
}

export const DIAGNOSTIC_CODES: readonly string[] = Object.keys(vi);

export function diagnosticMessage(d: Diagnostic, lang: Lang): string {
  const catalogue = lang === 'en' ? en : vi;
  const msg = catalogue[d.code];
  const n = (v: string | number | undefined): string => formatNumberText(String(v ?? ''), lang);
  return msg ? msg(d.params, n) : `${d.code} ${JSON.stringify(d.params)}`;
}

export const SEVERITY_LABEL: Record<Lang, Record<'error' | 'warning', string>> = {
  vi: { error: 'lỗi', warning: 'cảnh báo' },
  en: { error: 'error', warning: 'warning' },
};
