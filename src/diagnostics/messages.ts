/**
 * Messages for every diagnostic code, in Vietnamese and English. The codes
 * are stable and documented in docs/diagnostics.md; the words may improve.
 */
import { formatNumberText, type Lang } from '../core/lang.js';

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
  infinite: 'một số quá lớn',
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
  infinite: 'a number too large',
};

const vi = {
  'file-not-found': (p) => `Không tìm thấy tệp "${p.path}".`,
  'file-is-directory': (p) => `"${p.path}" là một thư mục, không phải tệp. Hãy chỉ ra tệp cụ thể, ví dụ ${p.path}/ten-tep.yaml.`,
  'file-unreadable': (p) => `Không đọc được tệp "${p.path}": ${REASON_VI[String(p.reason)] ?? `lỗi hệ thống ${p.reason}`}.`,
  'file-too-large': (p, n) => `Tệp quá lớn (${n(p.size)} MB; tối đa ${n(p.limit)} MB).`,
  'file-not-utf8': () => 'Tệp không phải văn bản UTF-8. Hãy lưu lại tệp với mã hóa UTF-8.',
  'empty-file': () => 'Tệp trống: chưa có nội dung nào.',
  'not-a-mapping': () => 'Tệp phải là một nhóm khóa YAML (id:, title:, areas: …), không phải một danh sách hay một giá trị đơn.',
  'yaml-syntax': (p) => `Lỗi cú pháp YAML: ${yamlHintVi(String(p.yamlCode))}.`,
  'yaml-duplicate-key': (p) => `Khóa "${p.key}" bị lặp lại trong cùng một nhóm; mỗi khóa chỉ được ghi một lần.`,
  'yaml-unsafe-tag': (p) => `Thẻ YAML "${p.tag}" không được phép: tệp tiêu chí chỉ chứa dữ liệu thuần (chữ, số, danh sách).`,
  'yaml-alias-limit': (p) => `Tệp dùng quá nhiều tham chiếu YAML (alias, quá ${p.limit}); có thể là tệp độc hại. Hãy viết trực tiếp các giá trị.`,
  'code-not-quoted': (p) => `Mã ${p.typed} phải đặt trong ngoặc kép: code: "${p.typed}". Nếu không, YAML đọc thành số ${p.read}.`,
  'unknown-key': (p) =>
    p.commaHint
      ? `"${p.key}" bị đọc thành một khóa vì có dấu phẩy trong { … }: hãy đặt cả giá trị có dấu phẩy trong ngoặc kép, ví dụ name: "A, B".`
      : `Khóa "${p.key}" không hợp lệ ở đây.` + (p.suggestion ? ` Có phải ý bạn là "${p.suggestion}"?` : p.allowed ? ` Các khóa hợp lệ: ${p.allowed}.` : ''),
  'missing-key': (p) => `Thiếu khóa bắt buộc "${p.key}".`,
  'invalid-type': (p) =>
    p.received === 'null'
      ? `"${p.key}" đang để trống; hãy ghi ${TYPE_VI[String(p.expected)] ?? p.expected}.`
      : `"${p.key}" phải là ${TYPE_VI[String(p.expected)] ?? p.expected}, nhưng đang là ${TYPE_VI[String(p.received)] ?? p.received}${p.typed ? ` (${p.typed})` : ''}.`,
  'decimal-comma': (p) => `"${p.key}" phải là số viết bằng dấu chấm thập phân: ${p.fixed} thay vì ${p.typed}.`,
  'invalid-value': (p) => `Giá trị "${p.value}" của "${p.key}" không hợp lệ.${p.allowed ? ` Dùng một trong: ${p.allowed}.` : ''}`,
  'invalid-format': (p) => `"${p.key}" không đúng định dạng.${p.format === 'date' ? ' Ghi một ngày có thật theo dạng năm-tháng-ngày, ví dụ 2022-02-07.' : ''}`,
  'list-too-short': (p) => `Danh sách "${p.key}" phải có ít nhất ${p.bound} mục.`,
  'list-too-long': (p) => `Danh sách "${p.key}" có quá nhiều mục (tối đa ${p.bound}).`,
  'number-too-small': (p, n) => `"${p.key}" phải từ ${n(p.bound)} trở lên (đang là ${n(p.value)}).`,
  'number-too-large': (p, n) => `"${p.key}" phải không quá ${n(p.bound)} (đang là ${n(p.value)}).`,
  'id-format': (p) => `Mã bộ tiêu chí "${p.id}" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ so-nganh-2021).`,
  'code-format': (p) => `Mã "${p.code}" không hợp lệ: chỉ gồm chữ, số và dấu chấm ngăn cách các cấp (ví dụ "1.2.3").`,
  'duplicate-code': (p) => `Mã "${p.code}" bị trùng${p.firstLine ? ` với mục ở dòng ${p.firstLine}` : ''}: mỗi mục phải có mã riêng.`,
  'code-prefix': (p) =>
    p.parent ? `Mã "${p.code}" phải nối tiếp mã mục cha "${p.parent}" thêm đúng một cấp (ví dụ "${p.parent}.1").` : `Mã "${p.code}" của lĩnh vực chỉ có một cấp (ví dụ "1", "2").`,
  'empty-name': (p) => `Tên của "${p.code}" đang để trống.`,
  'max-not-positive': (p, n) => `Điểm tối đa của "${p.code}" phải lớn hơn 0 (đang là ${n(p.max)}).`,
  'precision-exceeded': (p, n) => `Giá trị ${n(p.value)} ở "${p.code}" có nhiều hơn ${p.precision} chữ số thập phân cho phép (precision: ${p.precision}).`,
  'sum-mismatch': (p, n) =>
    `Tổng điểm tối đa của ${p.count} mục con là ${n(p.sum)}, khác điểm tối đa ${n(p.max)} của "${p.code}".` +
    (p.parts
      ? ` Các mục con: ${String(p.parts)
          .split('; ')
          .map((part) => part.replace(/: (.*)$/, (_m, v: string) => `: ${n(v)}`))
          .join('; ')}.`
      : ''),
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
  'band-out-of-domain': (p) => `Một khoảng của "${p.code}" nằm ngoài 0–100%, không số liệu tỷ lệ nào rơi vào đó. Nếu tỷ lệ được vượt 100% (vượt kế hoạch, vượt dự toán), ghi overAchievement: true.`,
  'step-not-positive': (p, n) => `Bước điểm của "${p.code}" phải lớn hơn 0 (đang là ${n(p.step)}).`,
  'step-not-divisor': (p, n) => `Bước điểm ${n(p.step)} không chia hết điểm tối đa ${n(p.max)} của "${p.code}".`,
  'class-order': (p, n) => `Mức xếp loại "${p.label}" (từ ${n(p.min)}%) phải thấp hơn mức "${p.previous}" đứng trước: hãy xếp từ cao xuống thấp.`,
  'class-range': (p, n) => `Ngưỡng ${n(p.min)}% của mức xếp loại "${p.label}" phải trong khoảng 0–100.`,
  'class-duplicate': (p) => `Mức xếp loại "${p.label}" bị trùng tên.`,
  'unit-code-format': (p) => `Mã đơn vị "${p.code}" chỉ được gồm chữ không dấu, chữ số, gạch nối, gạch dưới (ví dụ SNV, BQL-KCN).`,
  'unit-tag-unused': (p) => `Nhãn "${p.tag}" của đơn vị ${p.unit} không được bộ tiêu chí dùng ở skipFor nào, nên không có tác dụng.${p.known ? ` Các nhãn bộ tiêu chí dùng: ${p.known}.` : ''}`,
  'unknown-criterion': (p) => `Đơn vị ${p.unit}: không có mục "${p.code}" trong bộ tiêu chí.`,
  'duplicate-unit': (p) => `Mã đơn vị "${p.unit}" bị trùng.`,
  'file-locked': (p) => `Tệp "${p.path}" đang bị chương trình khác giữ (có thể đang mở trong Excel). Hãy đóng tệp rồi chạy lại.`,
  'csv-not-utf8': () => 'Tệp CSV không phải UTF-8. Trong Excel chọn Lưu thành → "CSV UTF-8 (phân cách bằng dấu phẩy)".',
  'xlsx-legacy': () => 'Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel và Lưu thành → "Sổ làm việc Excel (.xlsx)".',
  'xlsx-encrypted': () => 'Tệp Excel được đặt mật khẩu mở tệp. Hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.',
  'xlsx-not-zip': () => 'Tệp không phải tệp Excel .xlsx hợp lệ (có thể đổi đuôi từ loại tệp khác). Hãy mở bằng Excel và lưu lại dạng .xlsx.',
  'xlsx-corrupt': () => 'Tệp Excel bị hỏng hoặc không đầy đủ (có thể sao chép chưa xong). Hãy lấy lại bản gốc hoặc mở bằng Excel và lưu lại.',
  'xlsx-unpacked-too-large': (p, n) => `Tệp Excel khi giải nén quá lớn (${n(p.size)} MB; tối đa ${n(p.limit)} MB): có thể là tệp độc hại.`,
  'xlsx-too-many-parts': (p) => `Tệp Excel có quá nhiều thành phần (${p.count}; tối đa ${p.limit}).`,
  'no-evidence-table': () => 'Không tìm thấy bảng chấm điểm: cần một dòng tiêu đề có cột "Mã tiêu chí" và "Điểm tự chấm" (hoặc "Lựa chọn", "Số liệu", "Điểm thẩm định").',
  'no-survey-table': () => 'Không tìm thấy bảng điều tra: cần một dòng tiêu đề có cột "Mã đơn vị" và các cột mang mã tiêu chí (ví dụ 8.1.1).',
  'evidence-folder-empty': (p) => `Thư mục "${p.path}" không có tệp .xlsx hay .csv nào.`,
  'unit-not-identified': () => 'Không biết trang này của đơn vị nào: hãy ghi mã đơn vị cạnh ô "Mã đơn vị:" ở phần đầu trang.',
  'workspace-not-found': (p) => `Không tìm thấy tệp đợt chấm điểm "${p.path}". Chỉ ra thư mục chứa parscore.yaml, hoặc dùng --criteria, --units, --evidence.`,
  'previous-not-json': () => 'Tệp kết quả năm trước không phải JSON hợp lệ.',
  'previous-invalid': (p) => `Tệp kết quả năm trước không đúng cấu trúc kết quả parscore (${p.detail}).`,
  'unit-unknown': (p) => `Mã đơn vị "${p.unit}" không có trong danh sách đơn vị.`,
  'unit-duplicate': (p) => `Dữ liệu của đơn vị ${p.unit} có ở hai nơi; nơi đầu tiên: ${p.first}.`,
  'criterion-unknown': (p) => `Mã tiêu chí "${p.code}" không có trong bộ tiêu chí.`,
  'leaf-duplicate': (p) => `Tiêu chí ${p.code} của đơn vị ${p.unit} có hai dòng.`,
  'unit-no-data': (p) => `Không có dữ liệu của đơn vị ${p.unit} (${p.name}).`,
  'survey-not-survey-leaf': (p) => `Cột "${p.code}" trong kết quả điều tra không phải tiêu chí chấm bằng điều tra.`,
  'score-below-zero': (p, n) => `Điểm ${n(p.value)} của tiêu chí ${p.code} nhỏ hơn 0.`,
  'score-above-max': (p, n) => `Điểm ${n(p.value)} của tiêu chí ${p.code} vượt điểm tối đa ${n(p.max)}.`,
  'score-precision': (p, n) => `Điểm ${n(p.value)} của tiêu chí ${p.code} có quá ${p.precision} chữ số thập phân.`,
  'score-off-step': (p, n) => `Điểm ${n(p.value)} của tiêu chí ${p.code} phải theo bước ${n(p.step)}.`,
  'formula-without-result': (p) => `Ô công thức ở tiêu chí ${p.code} chưa có giá trị đã tính. Hãy mở tệp bằng Excel, lưu lại rồi chạy lại.`,
  'cell-error': (p) => `Ô ở tiêu chí ${p.code} đang báo lỗi ${p.value}.`,
  'score-unparsable': (p) => `"${p.value}" ở tiêu chí ${p.code} không phải là điểm (cần một số, ví dụ 0,5).`,
  'option-unknown': (p) => `Lựa chọn "${p.value}" không có trong danh sách của tiêu chí ${p.code}. Các lựa chọn: ${p.options}.`,
  'measure-unparsable': (p) => `Số liệu "${p.value}" của tiêu chí ${p.code} không đọc được (ví dụ đúng: 95, 95%, 45/50).`,
  'measure-out-of-range': (p) => `Số liệu "${p.value}" của tiêu chí ${p.code} không thuộc khoảng nào của cách chấm.`,
  'score-mismatch': (p, n) => `Điểm tự chấm ${n(p.typed)} của tiêu chí ${p.code} khác điểm tính theo "${p.from}" là ${n(p.computed)}; dùng ${n(p.computed)}.`,
  'score-not-an-option': (p, n) => `Điểm ${n(p.value)} của tiêu chí ${p.code} không ứng với lựa chọn nào (${p.options}). Hãy chọn ở cột "Lựa chọn".`,
  'measure-missing': (p) => `Tiêu chí ${p.code} có điểm nhưng thiếu số liệu để tính điểm; tạm dùng điểm đã nhập.`,
  'score-on-not-applicable': (p) => `Tiêu chí ${p.code} không áp dụng cho đơn vị ${p.unit}${p.reason ? ` (${p.reason})` : ''} nhưng lại có điểm.`,
  'na-on-applicable': (p) => `Tiêu chí ${p.code} áp dụng cho đơn vị ${p.unit} nhưng được ghi "Không áp dụng".`,
  'survey-missing': (p) => `Thiếu điểm điều tra tiêu chí ${p.code} của đơn vị ${p.unit}.`,
  'survey-file-missing': (p) =>
    `Bộ tiêu chí có tiêu chí chấm bằng điều tra (${p.code}…) nhưng chưa có tệp kết quả điều tra: ghi survey: tệp-điều-tra.xlsx vào parscore.yaml (hoặc --survey). Chưa có điểm điều tra thì không đơn vị nào tính được điểm.`,
  'survey-self-ignored': (p) => `Tiêu chí ${p.code} lấy điểm từ điều tra; điểm tự chấm bị bỏ qua.`,
  'leaf-missing': (p) => `Thiếu điểm tiêu chí ${p.code} (${p.name}) của đơn vị ${p.unit}.`,
  'evidence-missing': (p) => `Tiêu chí ${p.code} có điểm nhưng không có tài liệu kiểm chứng hay giải trình (Công văn 383/BNV-CCHC).`,
  'appraisal-no-reason': (p, n) => `Điểm thẩm định ${n(p.appraised)} khác điểm tự chấm ${n(p.self)} ở tiêu chí ${p.code} nhưng chưa ghi lý do điều chỉnh.`,
  'output-is-input': (p) => `Không ghi vào "${p.path}": đó là một tệp đầu vào.`,
  'output-is-directory': (p) => `"${p.path}" là một thư mục; hãy chỉ ra tên tệp.`,
  'output-exists': (p) => `Tệp "${p.path}" đã có. Dùng --force nếu muốn ghi đè.`,
  'output-locked': (p) => `Không ghi được "${p.path}": tệp đang mở trong chương trình khác (Excel?). Hãy đóng tệp rồi chạy lại.`,
  'output-not-writable': (p) => `Không có quyền ghi "${p.path}" (thư mục chỉ đọc?).`,
  'output-disk-full': (p) => `Không ghi được "${p.path}": ổ đĩa đã đầy.`,
  'output-failed': (p) => `Không ghi được "${p.path}" (${p.reason}).`,
  'limit-yaml-depth': (p) => `Tệp lồng nhau quá sâu (quá ${p.limit} cấp). Tệp bộ tiêu chí thật chỉ có vài cấp: có thể tệp bị hỏng hoặc độc hại.`,
  'limit-text-length': (p) => `Đoạn chữ quá dài (${p.length} ký tự; tối đa ${p.limit}).`,
  'limit-nodes': (p) => `Bộ tiêu chí có quá nhiều mục (${p.count}; tối đa ${p.limit}).`,
  'limit-tree-depth': (p) => `Mục "${p.code}" nằm quá sâu trong cây tiêu chí (tối đa ${p.limit} cấp).`,
  'limit-units': (p) => `Danh sách có quá nhiều đơn vị (${p.count}; tối đa ${p.limit}).`,
  'limit-rows': (p) => `Bảng có quá nhiều dòng (${p.count}; tối đa ${p.limit}).`,
  'limit-columns': (p) => `Bảng có quá nhiều cột (${p.count}; tối đa ${p.limit}).`,
  'results-not-json': () => 'Tệp kết quả không phải JSON hợp lệ.',
  'results-invalid': (p) => `Tệp kết quả không đúng cấu trúc kết quả parscore (${p.detail}). Hãy tạo lại bằng "parscore rank -o".`,
  // — harden —
  'file-not-regular': (p) => `"${p.path}" không phải một tệp thông thường (là thiết bị, ống dẫn hoặc socket); parscore chỉ đọc tệp thông thường.`,
  'output-not-regular': (p) => `Không ghi vào "${p.path}": đó không phải một tệp thông thường (thiết bị, ống dẫn hoặc socket), kể cả khi dùng --force.`,
  'output-is-symlink': (p) => `"${p.path}" là một liên kết tượng trưng (symlink); parscore không ghi qua liên kết. Dùng --force để thay chính liên kết đó bằng tệp mới.`,
  'sheet-name-invalid': (p) =>
    `Mã đơn vị "${p.unit}" không dùng được làm tên trang tính "${p.name}": ${
      { empty: 'tên trống', 'too-long': 'dài quá 31 ký tự', characters: 'có ký tự Excel không cho phép (: \\ / ? * [ ] hoặc dấu nháy đơn ở đầu/cuối)', reserved: 'Excel dành riêng tên này' }[
        String(p.problem)
      ] ?? p.problem
    }. Hãy đổi mã đơn vị hoặc tạo phiếu riêng từng đơn vị (--out).`,
  'sheet-name-taken': (p) =>
    `Mã đơn vị "${p.unit}" trùng tên trang tính "${p.by}" mà parscore dùng trong phiếu (không phân biệt chữ hoa, chữ thường). Hãy đổi mã đơn vị hoặc tạo phiếu riêng từng đơn vị (--out).`,
  'template-name-clash': (p) =>
    `Đơn vị "${p.unit}" và đơn vị "${p.other}" sẽ có cùng tên "${p.name}" (Excel và Windows, macOS không phân biệt chữ hoa, chữ thường; tên trang tính chỉ giữ 31 ký tự đầu). Không ghi tệp nào; hãy đổi mã hoặc tên một trong hai đơn vị.`,
  'results-out-of-range': (p) =>
    p.path === '$'
      ? `Tệp kết quả còn ${p.value} vấn đề khác (chỉ nêu 50 vấn đề đầu).`
      : `${p.path}: giá trị ${p.value} không hợp lệ${p.max !== '' ? ` (cho phép từ ${p.min} đến ${p.max})` : p.min !== '' ? ` (tối thiểu ${p.min})` : ''}. Hãy tạo lại tệp bằng "parscore rank -o".`,
  'results-duplicate': (p) => `${p.path}: mã "${p.code}" xuất hiện nhiều lần. Mỗi mã chỉ được có một lần; hãy tạo lại tệp bằng "parscore rank -o".`,
  'results-tree-cycle': (p) => `${p.path}: cây tiêu chí bị vòng lặp hoặc quá sâu (${p.chain}). Hãy tạo lại tệp bằng "parscore rank -o".`,
  'results-unknown-code': (p) => `${p.path}: "${p.code}" không phải một mục (hoặc tiêu chí lá) của cây tiêu chí trong tệp kết quả.`,
  'results-missing-leaf': (p) => `${p.path}: đơn vị "${p.unit}" thiếu tiêu chí ${p.code}; kết quả không đủ để lập báo cáo. Hãy tạo lại tệp bằng "parscore rank -o".`,
  'evidence-file-ignored': (p) => `Bỏ qua "${p.path}": thư mục minh chứng chỉ đọc phiếu Excel (.xlsx, .xlsm), LibreOffice (.ods) và bảng .csv.`,
  'limit-round-size': (p) => `Đợt chấm điểm quá lớn: ${p.units} đơn vị × ${p.leaves} tiêu chí = ${p.count} ô điểm (tối đa ${p.limit}). Hãy chia thành nhiều đợt nhỏ hơn.`,
  // — linter —
  'yaml-nbsp': () => 'Có dấu cách không ngắt (thường do dán từ Word hoặc trang web) ở chỗ cần dấu cách thường: hãy xóa và gõ lại dấu cách.',
  'yaml-key-indent': (p) => `Khóa "${p.key}" bị thụt lề sâu hơn các khóa cùng cấp ở trên: hãy xóa bớt dấu cách ở đầu dòng cho thẳng hàng.`,
  'band-fraction': (p, n) =>
    `Các khoảng của "${p.code}" (measure: percent) đều trong khoảng 0 đến 1, như thể viết dạng phân số: tỷ lệ tính theo %, nên ${n(p.value)} nghĩa là ${n(p.value)}%, không phải ${n(p.percent)}%. Nếu ý là ${n(p.percent)}%, hãy ghi ${n(p.percent)}.`,
  'criteria-is-units': () => 'Đây là tệp danh sách đơn vị (có khóa units:), không phải bộ tiêu chí. Tệp này được kiểm tra khi chạy "parscore check" hoặc "parscore rank" cùng bộ tiêu chí.',
  'criteria-is-round': () => 'Đây là tệp đợt chấm điểm (parscore.yaml, có khóa criteria:), không phải bộ tiêu chí. Hãy kiểm tra cả đợt chấm điểm bằng "parscore check".',
  'criteria-is-workbook': () => 'Đây là một bảng tính (Excel/ODS), không phải tệp bộ tiêu chí YAML. Hãy kiểm tra biểu mẫu bằng "parscore check".',
  'config-invalid': (p) => (p.key ? `Khóa "${p.key}" không hợp lệ trong tệp cấu hình; chỉ dùng rules:.` : 'Tệp cấu hình phải là một nhóm khóa, ví dụ rules: { band-fraction: off }.'),
  'config-unknown-code': (p) => `Tệp cấu hình nhắc tới mã "${p.code}", nhưng parscore không có mã này (xem docs/diagnostics.md).`,
  'config-invalid-setting': (p) => `Mức "${p.value}" cho "${p.code}" không hợp lệ; dùng off (tắt), warning (cảnh báo) hoặc error (lỗi).`,
  'disable-unknown-code': (p) => `Chú thích parscore-disable-next-line nhắc tới mã "${p.code}", nhưng parscore không có mã này.`,
  // — reader —
  'limit-cells': (p) => `Tệp có quá nhiều ô (${p.count}; tối đa ${p.limit}).`,
  'limit-sheet-rows': (p) => `Các trang tính của tệp cộng lại có quá nhiều dòng (tối đa ${p.limit}): có thể là tệp độc hại, hoặc trang có ô ở dòng rất xa. Hãy xóa các trang và dòng thừa rồi lưu lại.`,
  'limit-shared-strings': (p) => `Bảng chữ dùng chung của tệp Excel quá lớn (tối đa ${p.limit} đoạn chữ và ${p.chars} ký tự): có thể là tệp độc hại.`,
  'limit-rich-text': (p) => `Tệp Excel có quá nhiều đoạn chữ định dạng riêng (tối đa ${p.limit}): có thể là tệp độc hại. Hãy xóa định dạng (Xóa → Xóa định dạng) rồi lưu lại.`,
  'limit-xml-elements': (p) => `Tệp bảng tính có quá nhiều thành phần XML (tối đa ${p.limit}): có thể là tệp độc hại.`,
  'limit-merges': (p) => `Tệp có quá nhiều ô gộp (tối đa ${p.limit}): có thể là tệp độc hại.`,
  'limit-styles': (p) => `Phần định dạng của tệp Excel quá lớn (tối đa ${p.limit} mục): có thể là tệp độc hại.`,
  'ods-not-spreadsheet': (p) => `Tệp OpenDocument này không phải bảng tính (loại ${p.type}). Hãy lưu bảng tính dạng .ods hoặc .xlsx.`,
  'cell-merged-over-rows': (p) =>
    `Ô gộp ${p.range} trải qua nhiều dòng ở cột điểm, số liệu hoặc lựa chọn: mỗi tiêu chí phải có ô riêng. Hãy bỏ gộp ô (Gộp và căn giữa → Bỏ gộp ô) rồi điền lại từng dòng.`,
  'csv-unclosed-quote': (p) => `Dấu ngoặc kép mở ở dòng ${p.line} không được đóng: mọi dòng sau đó sẽ bị nuốt vào một ô. Hãy thêm dấu " đóng (hoặc xóa dấu " thừa) rồi lưu lại.`,
  // — rules —
  'band-no-whole-value': (p) => `Một khoảng của "${p.code}" không chứa số nguyên nào: số lượng (hoặc ngày) không bao giờ rơi vào đó.`,
  'band-out-of-domain-whole': (p) => `Một khoảng của "${p.code}" nằm ngoài ${p.from}–${p.to}, không số liệu nào rơi vào đó.`,
  'band-date-invalid': (p) => `Cận "${p.value}" của "${p.code}" không phải ngày: viết trong ngoặc kép dạng "YYYY-MM-DD", ví dụ "2024-01-31".`,
  'band-bound-not-number': (p) => `Cận "${p.value}" của "${p.code}" phải là một số (chỉ số liệu ngày, measure: date, mới ghi ngày).`,
  'per-item-each-not-positive': (p, n) => `Điểm mỗi trường hợp (each) của "${p.code}" phải lớn hơn 0 (đang là ${n(p.each)}).`,
  'per-item-cap-above-max': (p, n) => `Mức tối đa (cap) ${n(p.cap)} của "${p.code}" vượt điểm tối đa ${n(p.max)} của tiêu chí.`,
  'per-item-cap-below-item': (p, n) => `Mức tối đa ${n(p.cap)} của "${p.code}" nhỏ hơn điểm của chỉ một trường hợp (${n(p.each)}).`,
  'checklist-duplicate-item': (p) => `Nội dung "${p.item}" của "${p.code}" ghi hai lần.`,
  'proportional-target-range': (p, n) => `Chỉ tiêu (target) ${n(p.value)} của "${p.code}" phải lớn hơn 0 và không quá 100 (%).`,
  'proportional-threshold-range': (p, n) => `Ngưỡng zeroBelow ${n(p.value)} của "${p.code}" phải trong 0–100 (%).`,
  'proportional-threshold-above-target': (p, n) => `Ngưỡng zeroBelow ${n(p.value)}% của "${p.code}" cao hơn chỉ tiêu ${n(p.target)}%: đơn vị vượt chỉ tiêu vẫn bị 0 điểm.`,
  'rule-key-needs-percent': (p) => `Khóa "${p.key}" của "${p.code}" chỉ dùng với số liệu tỷ lệ (measure: percent).`,
  'max-for-on-branch': (p) => `"${p.code}" có mục con: maxFor chỉ ghi ở tiêu chí thành phần, điểm tối đa của mục cha là tổng các mục con.`,
  'max-for-fixed-points': (p) => `"${p.code}" chấm theo ${p.kind} với số điểm cố định: maxFor chỉ dùng với cách chấm theo tỷ lệ, theo trường hợp, danh sách không có khoảng, chấm tay hoặc điều tra.`,
  'adjustment-area-unknown': (p) => `Phần "${p.code}" ghi lĩnh vực "${p.area}" không có trong bộ tiêu chí. Các lĩnh vực: ${p.areas}.`,
  'tie-break-unknown': (p) => `Tiêu chí phân định đồng hạng "${p.code}" không có trong bộ tiêu chí.`,
  'downgrade-unknown': (p) => `"${p.code}" trong downgradeIf phải là mã một tiêu chí thành phần hoặc một khoản thưởng/trừ của bộ tiêu chí.`,
  'downgrade-without-classes': () => 'Có downgradeIf nhưng bộ tiêu chí không có xếp loại (classes).',
  'measure-none-not-allowed': (p) => `Tiêu chí ${p.code} không quy định trường hợp không phát sinh ("${p.value}"): hãy nhập số liệu, hoặc bộ tiêu chí cần ghi ifNone.`,
  'measure-not-a-date': (p) => `"${p.value}" ở tiêu chí ${p.code} không phải ngày (cần dạng 31/01/2024).`,
  'measure-not-whole': (p) => `Số liệu "${p.value}" ở tiêu chí ${p.code} phải là số nguyên (số trường hợp, số nội dung).`,
  'checklist-count-out-of-range': (p) => `Số nội dung đã thực hiện "${p.value}" ở tiêu chí ${p.code} vượt tổng số ${p.items} nội dung.`,
  'survey-scale-duplicate': (p) => `"${p.name}" ghi hai lần trong thang điểm hoặc nhóm đối tượng của "${p.code}".`,
  'survey-share-range': (p, n) => `Phần trăm điểm ${n(p.share)} của phương án "${p.answer}" ở "${p.code}" phải trong 0–100.`,
  'survey-weight-not-positive': (p, n) => `Trọng số ${n(p.weight)} của nhóm "${p.name}" ở "${p.code}" phải lớn hơn 0.`,
  'survey-groups-without-scale': (p) => `"${p.code}" có nhóm đối tượng (groups) nhưng không có thang điểm (scale).`,
  'survey-no-scale': (p) => `Tệp điều tra có số phiếu theo phương án cho tiêu chí ${p.code}, nhưng bộ tiêu chí không ghi thang điểm (scale) của tiêu chí này.`,
  'survey-count-invalid': (p) => `Số phiếu "${p.value}" ở tiêu chí ${p.code} phải là số nguyên ≥ 0.`,
  'survey-group-unknown': (p) => `Nhóm "${p.group}" ở tiêu chí ${p.code} không có trong bộ tiêu chí. Các nhóm: ${p.groups}.`,
  'survey-no-answers': (p) => `Tiêu chí ${p.code} không có phiếu trả lời nào theo thang điểm: không tính được điểm.`,
  // — annex —
  'pdf-no-libreoffice': (p) =>
    `Đã ghi "${p.xlsx}" nhưng chưa có "${p.path}": máy chưa cài LibreOffice để chuyển sang PDF. Cài LibreOffice (miễn phí, https://vi.libreoffice.org) rồi chạy lại lệnh, hoặc mở "${p.xlsx}" bằng Excel và chọn Lưu thành PDF.`,
  'pdf-failed': (p) => `Đã ghi "${p.xlsx}" nhưng LibreOffice không chuyển được sang PDF (${p.detail}). Mở "${p.xlsx}" bằng Excel hoặc LibreOffice và chọn Lưu thành PDF.`,
  // — appraisal —
  'unit-not-submitted': (p) => `Đơn vị ${p.unit} (${p.name}) chưa nộp phiếu (parscore.yaml): 0 điểm ở mọi tiêu chí tự chấm; Hội đồng vẫn có thể chấm từng tiêu chí.`,
  'self-invalid-settled': (p, n) => `Điểm tự chấm tiêu chí ${p.code} của đơn vị ${p.unit} không hợp lệ (${p.problems}); dùng điểm thẩm định ${n(p.appraised)} của Hội đồng.`,
  'appraisal-on-survey': (p) => `Tiêu chí ${p.code} lấy điểm từ điều tra XHH; điểm thẩm định ghi ở đây bị bỏ qua.`,
  'appraisal-unit-missing': () => 'Sổ thẩm định không ghi mã đơn vị: hãy ghi mã cạnh ô "Mã đơn vị:".',
  'appraisal-status-unclear': (p) => `Ô "Đã thẩm định xong" ghi "${p.value}": hãy chọn "Có" hoặc "Chưa". Tạm coi là chưa xong.`,
  'status-unit-unknown': (p) => `Mã đơn vị "${p.unit}" ở mục status của parscore.yaml không có trong danh sách đơn vị.`,
  // — forms —
  'cell-date': (p, n) =>
    `${p.cell ? `Ô ${p.cell}` : 'Ô'} (tiêu chí ${p.code}) đã bị Excel đổi thành ngày ${p.shown}; gõ ${p.typed} vào ô định dạng Văn bản${p.percent ? `, hoặc ${n(p.percent)}%` : ''}.`,
  'measure-fraction': (p, n) =>
    `Số liệu "${n(p.value)}" của tiêu chí ${p.code} được hiểu là ${n(p.read)}%; nếu đây là tỷ lệ ${n(p.read)} (tức ${n(p.percent)}%), hãy ghi ${n(p.percent)}% hoặc dạng a/b.`,
  'council-filled-by-unit': (p) => `Phiếu của đơn vị ${p.unit} có ô dành cho Hội đồng thẩm định đã được điền: ${p.cells}. Các cột "Điểm thẩm định" và "Lý do điều chỉnh" chỉ Hội đồng thẩm định ghi.`,
  'form-blank': (p) => `Phiếu của đơn vị ${p.unit} còn trống: chưa có lựa chọn, số liệu hay điểm nào được nhập.`,
  'form-blank-ignored': (p) => `Bỏ qua phiếu trống của đơn vị ${p.unit}; dùng phiếu đã điền ${p.used}.`,
  'survey-appraised-ignored': (p) => `Điểm thẩm định ở tiêu chí ${p.code} bị bỏ qua: điểm tiêu chí này lấy từ kết quả điều tra xã hội học.`,
  // — report-stream —
  'report-unit-sheets-omitted': (p) =>
    `Báo cáo không có trang riêng cho từng đơn vị: ${p.units} đơn vị, nhiều hơn ${p.max} trang đơn vị mà LibreOffice mở được (tối đa 10 000 trang một tệp). Các trang xếp hạng, theo lĩnh vực, điều chỉnh và phân tích vẫn đủ mọi đơn vị; xem từng đơn vị bằng "parscore rank --unit <mã>", hoặc ghi đủ các trang bằng --unit-sheets all (chỉ mở được bằng Excel).`,
} satisfies Record<string, Msg>;

/** Every diagnostic code: a typo in a code, or a message missing in one language, does not compile. */
export type DiagnosticCode = keyof typeof vi;

const en: Record<DiagnosticCode, Msg> = {
  'file-not-found': (p) => `File "${p.path}" not found.`,
  'file-is-directory': (p) => `"${p.path}" is a folder, not a file. Name a file, e.g. ${p.path}/name.yaml.`,
  'file-unreadable': (p) => `Cannot read "${p.path}": ${REASON_EN[String(p.reason)] ?? `system error ${p.reason}`}.`,
  'file-too-large': (p, n) => `File too large (${n(p.size)} MB; at most ${n(p.limit)} MB).`,
  'file-not-utf8': () => 'The file is not UTF-8 text. Save it again with UTF-8 encoding.',
  'empty-file': () => 'The file is empty.',
  'not-a-mapping': () => 'The file must be a YAML mapping (id:, title:, areas: …), not a list or a single value.',
  'yaml-syntax': (p) => `YAML syntax error: ${yamlHintEn(String(p.yamlCode), String(p.detail))}.`,
  'yaml-duplicate-key': (p) => `Key "${p.key}" appears twice in the same mapping; write each key once.`,
  'yaml-unsafe-tag': (p) => `YAML tag "${p.tag}" is not allowed: criteria files hold plain data only (text, numbers, lists).`,
  'yaml-alias-limit': (p) => `The file expands too many YAML aliases (over ${p.limit}); it may be malicious. Write the values out.`,
  'code-not-quoted': (p) => `Code ${p.typed} must be quoted: code: "${p.typed}". Unquoted, YAML reads it as the number ${p.read}.`,
  'unknown-key': (p) =>
    p.commaHint
      ? `"${p.key}" was read as a key because of a comma inside { … }: quote the whole value that holds the comma, e.g. name: "A, B".`
      : `Unknown key "${p.key}".` + (p.suggestion ? ` Did you mean "${p.suggestion}"?` : p.allowed ? ` Valid keys: ${p.allowed}.` : ''),
  'missing-key': (p) => `Missing required key "${p.key}".`,
  'invalid-type': (p) =>
    p.received === 'null'
      ? `"${p.key}" is empty; write ${TYPE_EN[String(p.expected)] ?? p.expected}.`
      : `"${p.key}" must be ${TYPE_EN[String(p.expected)] ?? p.expected}, not ${TYPE_EN[String(p.received)] ?? p.received}${p.typed ? ` (${p.typed})` : ''}.`,
  'decimal-comma': (p) => `"${p.key}" must be a number with a decimal point: ${p.fixed}, not ${p.typed}.`,
  'invalid-value': (p) => `"${p.value}" is not a valid value for "${p.key}".${p.allowed ? ` Use one of: ${p.allowed}.` : ''}`,
  'invalid-format': (p) => `"${p.key}" has the wrong format.${p.format === 'date' ? ' Write a day that exists as year-month-day, e.g. 2022-02-07.' : ''}`,
  'list-too-short': (p) => `List "${p.key}" needs at least ${p.bound} item(s).`,
  'list-too-long': (p) => `List "${p.key}" has too many items (at most ${p.bound}).`,
  'number-too-small': (p) => `"${p.key}" must be at least ${p.bound} (it is ${p.value}).`,
  'number-too-large': (p) => `"${p.key}" must be at most ${p.bound} (it is ${p.value}).`,
  'id-format': (p) => `Criteria set id "${p.id}" may hold only lower-case letters without diacritics, digits and hyphens (e.g. so-nganh-2021).`,
  'code-format': (p) => `Code "${p.code}" is not valid: letters and digits only, levels separated by dots (e.g. "1.2.3").`,
  'duplicate-code': (p) => `Code "${p.code}" is used twice${p.firstLine ? ` (first on line ${p.firstLine})` : ''}: every node needs its own code.`,
  'code-prefix': (p) =>
    p.parent ? `Code "${p.code}" must extend its parent's code "${p.parent}" by exactly one level (e.g. "${p.parent}.1").` : `Area code "${p.code}" must have a single level (e.g. "1", "2").`,
  'empty-name': (p) => `The name of "${p.code}" is empty.`,
  'max-not-positive': (p) => `The maximum of "${p.code}" must be above 0 (it is ${p.max}).`,
  'precision-exceeded': (p) => `Value ${p.value} at "${p.code}" has more than the ${p.precision} decimals allowed (precision: ${p.precision}).`,
  'sum-mismatch': (p) => `The maxima of the ${p.count} children add up to ${p.sum}, not to the maximum ${p.max} of "${p.code}".${p.parts ? ` Children: ${p.parts}.` : ''}`,
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
  'band-out-of-domain': (p) => `A band of "${p.code}" lies outside 0–100 %, where no percentage falls. If the rate may exceed 100 % (over plan, over estimate), add overAchievement: true.`,
  'step-not-positive': (p) => `The step of "${p.code}" must be above 0 (it is ${p.step}).`,
  'step-not-divisor': (p) => `Step ${p.step} does not divide the maximum ${p.max} of "${p.code}".`,
  'class-order': (p) => `Class "${p.label}" (from ${p.min} %) must be lower than "${p.previous}" before it: list classes from highest to lowest.`,
  'class-range': (p) => `Threshold ${p.min} % of class "${p.label}" must be within 0–100.`,
  'class-duplicate': (p) => `Class "${p.label}" appears twice.`,
  'unit-code-format': (p) => `Unit code "${p.code}" may hold only letters without diacritics, digits, hyphens and underscores (e.g. SNV).`,
  'unit-tag-unused': (p) => `Tag "${p.tag}" of unit ${p.unit} is not used by any skipFor in the criteria set, so it has no effect.${p.known ? ` Tags the set uses: ${p.known}.` : ''}`,
  'unknown-criterion': (p) => `Unit ${p.unit}: there is no "${p.code}" in the criteria set.`,
  'duplicate-unit': (p) => `Unit code "${p.unit}" is used twice.`,
  'file-locked': (p) => `"${p.path}" is held by another program (open in Excel?). Close it and run again.`,
  'csv-not-utf8': () => 'The CSV file is not UTF-8. In Excel use Save As → "CSV UTF-8 (Comma delimited)".',
  'xlsx-legacy': () => 'This is an old Excel file (.xls). Open it in Excel and Save As → "Excel Workbook (.xlsx)".',
  'xlsx-encrypted': () => 'The workbook is protected with an opening password. Remove it (File → Info → Protect Workbook) and save again.',
  'xlsx-not-zip': () => 'This is not a valid .xlsx workbook (perhaps another file renamed). Open it in Excel and save it as .xlsx.',
  'xlsx-corrupt': () => 'The workbook is damaged or incomplete (perhaps a copy that did not finish). Get the original again, or open and re-save it in Excel.',
  'xlsx-unpacked-too-large': (p) => `The workbook unpacks to too much data (${p.size} MB; at most ${p.limit} MB): it may be malicious.`,
  'xlsx-too-many-parts': (p) => `The workbook has too many parts (${p.count}; at most ${p.limit}).`,
  'no-evidence-table': () => 'No scoring table found: a header row needs a "Criterion" column and a "Self score" (or "Option", "Measure", "Appraised score") column.',
  'no-survey-table': () => 'No survey table found: a header row needs a "Unit" column and columns named by criterion codes (e.g. 8.1.1).',
  'evidence-folder-empty': (p) => `Folder "${p.path}" holds no .xlsx or .csv file.`,
  'unit-not-identified': () => 'Cannot tell which unit this sheet belongs to: write the unit code beside "Unit code:" at the top of the sheet.',
  'workspace-not-found': (p) => `No round file "${p.path}". Name the folder holding parscore.yaml, or use --criteria, --units, --evidence.`,
  'previous-not-json': () => "Last year's results file is not valid JSON.",
  'previous-invalid': (p) => `Last year's results file does not have parscore's results shape (${p.detail}).`,
  'unit-unknown': (p) => `Unit code "${p.unit}" is not in the units file.`,
  'unit-duplicate': (p) => `Unit ${p.unit} has data in two places; the first: ${p.first}.`,
  'criterion-unknown': (p) => `Criterion code "${p.code}" is not in the criteria set.`,
  'leaf-duplicate': (p) => `Criterion ${p.code} of unit ${p.unit} has two rows.`,
  'unit-no-data': (p) => `No data for unit ${p.unit} (${p.name}).`,
  'survey-not-survey-leaf': (p) => `Column "${p.code}" of the survey results is not a survey-scored criterion.`,
  'score-below-zero': (p) => `Score ${p.value} of criterion ${p.code} is below 0.`,
  'score-above-max': (p) => `Score ${p.value} of criterion ${p.code} is above its maximum ${p.max}.`,
  'score-precision': (p) => `Score ${p.value} of criterion ${p.code} has more than ${p.precision} decimals.`,
  'score-off-step': (p) => `Score ${p.value} of criterion ${p.code} must be in steps of ${p.step}.`,
  'formula-without-result': (p) => `The formula cell at criterion ${p.code} has no saved value. Open the file in Excel, save it, and run again.`,
  'cell-error': (p) => `The cell at criterion ${p.code} shows the error ${p.value}.`,
  'score-unparsable': (p) => `"${p.value}" at criterion ${p.code} is not a score (a number is needed, e.g. 0.5).`,
  'option-unknown': (p) => `Option "${p.value}" is not in the list of criterion ${p.code}. Options: ${p.options}.`,
  'measure-unparsable': (p) => `Measure "${p.value}" of criterion ${p.code} cannot be read (valid: 95, 95%, 45/50).`,
  'measure-out-of-range': (p) => `Measure "${p.value}" of criterion ${p.code} falls in no band of its rule.`,
  'score-mismatch': (p) => `Self score ${p.typed} of criterion ${p.code} differs from the ${p.computed} that "${p.from}" gives; ${p.computed} is used.`,
  'score-not-an-option': (p) => `Score ${p.value} of criterion ${p.code} matches no option (${p.options}). Pick one in the "Option" column.`,
  'measure-missing': (p) => `Criterion ${p.code} has a score but no measure to compute it from; the typed score is used.`,
  'score-on-not-applicable': (p) => `Criterion ${p.code} does not apply to unit ${p.unit}${p.reason ? ` (${p.reason})` : ''} but has a score.`,
  'na-on-applicable': (p) => `Criterion ${p.code} applies to unit ${p.unit} but is marked "not applicable".`,
  'survey-missing': (p) => `No survey score for criterion ${p.code} of unit ${p.unit}.`,
  'survey-file-missing': (p) =>
    `The criteria set has survey-scored criteria (${p.code}…) but no survey results file is given: add survey: survey-file.xlsx to parscore.yaml (or --survey). Without survey points no unit can be scored.`,
  'survey-self-ignored': (p) => `Criterion ${p.code} is scored by the survey; the self score is ignored.`,
  'leaf-missing': (p) => `No score for criterion ${p.code} (${p.name}) of unit ${p.unit}.`,
  'evidence-missing': (p) => `Criterion ${p.code} has points but neither evidence nor an explanation (guidance 383/BNV-CCHC).`,
  'appraisal-no-reason': (p) => `Appraised score ${p.appraised} differs from self score ${p.self} at criterion ${p.code} but no reason is given.`,
  'output-is-input': (p) => `Will not write "${p.path}": it is one of the inputs.`,
  'output-is-directory': (p) => `"${p.path}" is a folder; name a file.`,
  'output-exists': (p) => `"${p.path}" already exists. Use --force to overwrite it.`,
  'output-locked': (p) => `Cannot write "${p.path}": it is open in another program (Excel?). Close it and run again.`,
  'output-not-writable': (p) => `No permission to write "${p.path}" (read-only folder?).`,
  'output-disk-full': (p) => `Cannot write "${p.path}": the disk is full.`,
  'output-failed': (p) => `Cannot write "${p.path}" (${p.reason}).`,
  'limit-yaml-depth': (p) => `The file nests too deep (over ${p.limit} levels). Real criteria files have a few: it may be damaged or malicious.`,
  'limit-text-length': (p) => `Text too long (${p.length} characters; at most ${p.limit}).`,
  'limit-nodes': (p) => `The criteria set has too many nodes (${p.count}; at most ${p.limit}).`,
  'limit-tree-depth': (p) => `"${p.code}" lies too deep in the criteria tree (at most ${p.limit} levels).`,
  'limit-units': (p) => `Too many units (${p.count}; at most ${p.limit}).`,
  'limit-rows': (p) => `The table has too many rows (${p.count}; at most ${p.limit}).`,
  'limit-columns': (p) => `The table has too many columns (${p.count}; at most ${p.limit}).`,
  'results-not-json': () => 'The results file is not valid JSON.',
  'results-invalid': (p) => `The results file does not have parscore's results shape (${p.detail}). Make it again with "parscore rank -o".`,
  // — harden —
  'file-not-regular': (p) => `"${p.path}" is not a regular file (a device, pipe or socket); parscore reads regular files only.`,
  'output-not-regular': (p) => `Will not write "${p.path}": it is not a regular file (a device, pipe or socket), not even with --force.`,
  'output-is-symlink': (p) => `"${p.path}" is a symbolic link; parscore does not write through links. Use --force to replace the link itself with a new file.`,
  'sheet-name-invalid': (p) =>
    `Unit code "${p.unit}" cannot be the sheet name "${p.name}": ${
      {
        empty: 'the name is empty',
        'too-long': 'it is longer than 31 characters',
        characters: 'it has characters Excel refuses (: \\ / ? * [ ] or a quote at either end)',
        reserved: 'Excel keeps this name for itself',
      }[String(p.problem)] ?? p.problem
    }. Change the unit code, or make one form per unit (--out).`,
  'sheet-name-taken': (p) => `Unit code "${p.unit}" is the name of a sheet parscore puts in the form ("${p.by}", ignoring case). Change the unit code, or make one form per unit (--out).`,
  'template-name-clash': (p) =>
    `Units "${p.unit}" and "${p.other}" would get the same name "${p.name}" (Excel, Windows and macOS ignore letter case; a sheet name keeps its first 31 characters). No file was written; change the code or name of one of them.`,
  'results-out-of-range': (p) =>
    p.path === '$'
      ? `The results file has ${p.value} more problems (only the first 50 are listed).`
      : `${p.path}: the value ${p.value} is not valid${p.max !== '' ? ` (allowed: ${p.min} to ${p.max})` : p.min !== '' ? ` (at least ${p.min})` : ''}. Make the file again with "parscore rank -o".`,
  'results-duplicate': (p) => `${p.path}: the code "${p.code}" appears more than once. Each code may appear once; make the file again with "parscore rank -o".`,
  'results-tree-cycle': (p) => `${p.path}: the criteria tree loops or is too deep (${p.chain}). Make the file again with "parscore rank -o".`,
  'results-unknown-code': (p) => `${p.path}: "${p.code}" is not a node (or a leaf criterion) of the criteria tree in the results file.`,
  'results-missing-leaf': (p) => `${p.path}: unit "${p.unit}" lacks criterion ${p.code}; the results are not complete enough for a report. Make the file again with "parscore rank -o".`,
  'evidence-file-ignored': (p) => `Skipped "${p.path}": the evidence folder is read for Excel (.xlsx, .xlsm) and LibreOffice (.ods) forms and .csv tables only.`,
  'limit-round-size': (p) => `The round is too large: ${p.units} units × ${p.leaves} criteria = ${p.count} scores (at most ${p.limit}). Split it into smaller rounds.`,
  // — linter —
  'yaml-nbsp': () => 'A no-break space (usually pasted from Word or a web page) stands where a plain space is needed: delete it and type a space.',
  'yaml-key-indent': (p) => `Key "${p.key}" is indented further than the keys above it at the same level: remove the extra spaces at the start of the line.`,
  'band-fraction': (p) =>
    `The bands of "${p.code}" (measure: percent) all lie within 0 to 1, as if written as fractions: the measure is in %, so ${p.value} means ${p.value}%, not ${p.percent}%. If you mean ${p.percent}%, write ${p.percent}.`,
  'criteria-is-units': () => 'This is a units file (it has units:), not a criteria set. It is checked when you run "parscore check" or "parscore rank" with a criteria set.',
  'criteria-is-round': () => 'This is a round file (it has criteria:), not a criteria set. Check the whole round with "parscore check".',
  'criteria-is-workbook': () => 'This is a workbook (Excel/ODS), not a YAML criteria file. Check forms with "parscore check".',
  'config-invalid': (p) => (p.key ? `Key "${p.key}" is not valid in the config file; only rules: is.` : 'The config file must be a mapping, e.g. rules: { band-fraction: off }.'),
  'config-unknown-code': (p) => `The config file names code "${p.code}", which parscore does not have (see docs/diagnostics.md).`,
  'config-invalid-setting': (p) => `"${p.value}" is not a setting for "${p.code}"; use off, warning or error.`,
  'disable-unknown-code': (p) => `A parscore-disable-next-line comment names code "${p.code}", which parscore does not have.`,
  // — reader —
  'limit-cells': (p) => `The file has too many cells (${p.count}; at most ${p.limit}).`,
  'limit-sheet-rows': (p) =>
    `The workbook's sheets add up to too many rows (at most ${p.limit}): it may be malicious, or a sheet has a cell far down. Delete the extra sheets and rows and save again.`,
  'limit-shared-strings': (p) => `The workbook's shared-strings table is too large (at most ${p.limit} strings and ${p.chars} characters): it may be malicious.`,
  'limit-rich-text': (p) => `The workbook has too many separately formatted pieces of text (at most ${p.limit}): it may be malicious. Clear the formatting (Clear → Clear Formats) and save again.`,
  'limit-xml-elements': (p) => `The workbook holds too many XML elements (at most ${p.limit}): it may be malicious.`,
  'limit-merges': (p) => `The workbook has too many merged ranges (at most ${p.limit}): it may be malicious.`,
  'limit-styles': (p) => `The workbook's styles part is too large (at most ${p.limit} entries): it may be malicious.`,
  'ods-not-spreadsheet': (p) => `This OpenDocument file is not a spreadsheet (type ${p.type}). Save the spreadsheet as .ods or .xlsx.`,
  'cell-merged-over-rows': (p) =>
    `Merged cell ${p.range} spans several rows of a score, measure or option column: each criterion needs its own cell. Unmerge it (Merge & Center → Unmerge Cells) and fill in each row.`,
  'csv-unclosed-quote': (p) =>
    `The double quote opened on line ${p.line} is never closed: every later line would be swallowed into one cell. Add the closing " (or remove the stray one) and save again.`,
  // — rules —
  'band-no-whole-value': (p) => `A band of "${p.code}" holds no whole number: no count (or date) ever falls in it.`,
  'band-out-of-domain-whole': (p) => `A band of "${p.code}" lies outside ${p.from}–${p.to}, where no measure falls.`,
  'band-date-invalid': (p) => `Bound "${p.value}" of "${p.code}" is not a date: write it in quotes as "YYYY-MM-DD", e.g. "2024-01-31".`,
  'band-bound-not-number': (p) => `Bound "${p.value}" of "${p.code}" must be a number (dates only with measure: date).`,
  'per-item-each-not-positive': (p) => `The points per item (each) of "${p.code}" must be above 0 (it is ${p.each}).`,
  'per-item-cap-above-max': (p) => `The cap ${p.cap} of "${p.code}" is above its maximum ${p.max}.`,
  'per-item-cap-below-item': (p) => `The cap ${p.cap} of "${p.code}" is below the points of a single item (${p.each}).`,
  'checklist-duplicate-item': (p) => `Item "${p.item}" of "${p.code}" is listed twice.`,
  'proportional-target-range': (p) => `The target ${p.value} of "${p.code}" must be above 0 and at most 100 (%).`,
  'proportional-threshold-range': (p) => `The zeroBelow threshold ${p.value} of "${p.code}" must be within 0–100 (%).`,
  'proportional-threshold-above-target': (p) => `The zeroBelow threshold ${p.value} % of "${p.code}" is above its target ${p.target} %: a unit beating the target would score 0.`,
  'rule-key-needs-percent': (p) => `Key "${p.key}" of "${p.code}" applies to percentage measures only (measure: percent).`,
  'max-for-on-branch': (p) => `"${p.code}" has children: maxFor belongs on leaves, a parent's maximum is its children's sum.`,
  'max-for-fixed-points': (p) => `"${p.code}" is scored by ${p.kind} with fixed points: maxFor fits proportional, per-item, checklist without bands, manual or survey rules.`,
  'adjustment-area-unknown': (p) => `Part "${p.code}" names area "${p.area}", which the set does not have. Areas: ${p.areas}.`,
  'tie-break-unknown': (p) => `Tie-break key "${p.code}" is not a code in the criteria set.`,
  'downgrade-unknown': (p) => `"${p.code}" in downgradeIf must be the code of a leaf or a bonus/penalty item of the set.`,
  'downgrade-without-classes': () => 'downgradeIf is given but the set has no classes.',
  'measure-none-not-allowed': (p) => `Criterion ${p.code} does not say what "nothing arose" scores ("${p.value}"): enter a measure, or give the rule an ifNone.`,
  'measure-not-a-date': (p) => `"${p.value}" at criterion ${p.code} is not a date (expected e.g. 31/01/2024).`,
  'measure-not-whole': (p) => `Measure "${p.value}" at criterion ${p.code} must be a whole number (a count of items).`,
  'checklist-count-out-of-range': (p) => `Items done "${p.value}" at criterion ${p.code} is more than the ${p.items} items listed.`,
  'survey-scale-duplicate': (p) => `"${p.name}" appears twice in the answer scale or the groups of "${p.code}".`,
  'survey-share-range': (p) => `The share ${p.share} of answer "${p.answer}" at "${p.code}" must be within 0–100.`,
  'survey-weight-not-positive': (p) => `The weight ${p.weight} of group "${p.name}" at "${p.code}" must be above 0.`,
  'survey-groups-without-scale': (p) => `"${p.code}" has respondent groups but no answer scale.`,
  'survey-no-scale': (p) => `The survey file has answer counts for criterion ${p.code}, but the set gives it no answer scale.`,
  'survey-count-invalid': (p) => `Answer count "${p.value}" at criterion ${p.code} must be a whole number ≥ 0.`,
  'survey-group-unknown': (p) => `Group "${p.group}" at criterion ${p.code} is not in the criteria set. Groups: ${p.groups}.`,
  'survey-no-answers': (p) => `Criterion ${p.code} has no answers on its scale: no points can be computed.`,
  // — annex —
  'pdf-no-libreoffice': (p) =>
    `Wrote "${p.xlsx}" but not "${p.path}": LibreOffice, which makes the PDF, is not installed. Install LibreOffice (free, https://www.libreoffice.org) and run the command again, or open "${p.xlsx}" in Excel and save it as PDF.`,
  'pdf-failed': (p) => `Wrote "${p.xlsx}" but LibreOffice could not convert it to PDF (${p.detail}). Open "${p.xlsx}" in Excel or LibreOffice and save it as PDF.`,
  // — appraisal —
  'unit-not-submitted': (p) => `${p.unit} (${p.name}) has not submitted its form (parscore.yaml): 0 points on every self-assessed item; the council may still score items.`,
  'self-invalid-settled': (p, n) => `The self-score of ${p.code} for ${p.unit} is invalid (${p.problems}); the council's score ${n(p.appraised)} is used.`,
  'appraisal-on-survey': (p) => `${p.code} is scored by the survey; the council score written here is ignored.`,
  'appraisal-unit-missing': () => 'The appraisal sheet names no unit: write its code beside "Unit code:".',
  'appraisal-status-unclear': (p) => `The "Appraisal finished" cell says "${p.value}": choose "Yes" or "No". Taken as not finished.`,
  'status-unit-unknown': (p) => `Unit code "${p.unit}" under status in parscore.yaml is not in the units file.`,
  // — forms —
  'cell-date': (p, n) =>
    `${p.cell ? `Cell ${p.cell}` : 'The cell'} (criterion ${p.code}) was turned into the date ${p.shown} by the spreadsheet; type ${p.typed} into a cell formatted as Text${p.percent ? `, or ${n(p.percent)}%` : ''}.`,
  // What the user typed is quoted as typed ("0,75"); the numbers parscore reads from it are printed in English (0.75).
  'measure-fraction': (p, n) => `Measure "${p.value}" of criterion ${p.code} is read as ${n(p.read)}%; if it is the fraction ${n(p.read)} (${n(p.percent)}%), write ${n(p.percent)}% or a/b.`,
  'council-filled-by-unit': (p) => `The form of unit ${p.unit} has council cells filled in: ${p.cells}. "Appraised score" and "Reason" are for the appraisal council only.`,
  'form-blank': (p) => `The form of unit ${p.unit} is blank: no option, measure or score has been entered.`,
  'form-blank-ignored': (p) => `Blank form of unit ${p.unit} ignored; the filled form ${p.used} is used.`,
  'survey-appraised-ignored': (p) => `The appraised score of criterion ${p.code} is ignored: this criterion's points come from the survey.`,
  // — report-stream —
  'report-unit-sheets-omitted': (p) =>
    `The report has no sheet for each unit: ${p.units} units, more than the ${p.max} unit sheets LibreOffice opens (10,000 sheets a file at most). The ranking, area, adjustment and analysis sheets still list every unit; see one unit with "parscore rank --unit <code>", or write every sheet with --unit-sheets all (opens in Excel only).`,
};

/** Operating-system read errors, in words (never a bare ELOOP). */
const REASON_VI: Record<string, string> = {
  EACCES: 'không có quyền đọc tệp này',
  EPERM: 'không có quyền đọc tệp này',
  ELOOP: 'đường dẫn là một liên kết (symlink) trỏ vòng về chính nó',
  EIO: 'lỗi đọc ổ đĩa',
  EMFILE: 'mở quá nhiều tệp cùng lúc',
  ENAMETOOLONG: 'tên tệp quá dài',
  EISDIR: 'đây là một thư mục',
  EINVAL: 'đây không phải tệp thường',
};
const REASON_EN: Record<string, string> = {
  EACCES: 'no permission to read it',
  EPERM: 'no permission to read it',
  ELOOP: 'the path is a symbolic link that loops back on itself',
  EIO: 'a disk read error',
  EMFILE: 'too many files open at once',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'it is a folder',
  EINVAL: 'it is not a regular file',
};

function yamlHintEn(code: string, detail: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'indentation or brackets do not match';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a colon is missing, or a key runs over more than one line';
    case 'TAB_AS_INDENT':
      return 'a Tab is used to indent (use spaces)';
    case 'UNEXPECTED_TOKEN':
      return 'an unexpected character';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (a --- line)';
    default:
      return detail.replace(/\.$/, '');
  }
}

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

export const DIAGNOSTIC_CODES = Object.keys(vi) as readonly DiagnosticCode[];

export function diagnosticMessage(d: { code: DiagnosticCode; params: Record<string, string | number> }, lang: Lang): string {
  const catalogue = lang === 'en' ? en : vi;
  const msg = catalogue[d.code];
  const n = (v: string | number | undefined): string => formatNumberText(String(v ?? ''), lang);
  return msg ? msg(d.params, n) : `${d.code} ${JSON.stringify(d.params)}`;
}

export const SEVERITY_LABEL: Record<Lang, Record<'error' | 'warning', string>> = {
  vi: { error: 'lỗi', warning: 'cảnh báo' },
  en: { error: 'error', warning: 'warning' },
};
