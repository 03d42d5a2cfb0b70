/** What the command line says to its users, in Vietnamese and English. */
import type { Lang } from '../i18n/index.js';

const vi = {
  programDescription: 'parscore — tính và báo cáo Chỉ số cải cách hành chính (Chỉ số CCHC) từ tệp.',
  titles: { 'Usage:': 'Cách dùng:', 'Options:': 'Tùy chọn:', 'Commands:': 'Lệnh:', 'Arguments:': 'Tham số:', 'Global Options:': 'Tùy chọn chung:' } as Record<string, string>,
  optLang: 'ngôn ngữ hiển thị: vi (mặc định) hoặc en; cũng đặt được bằng biến PARSCORE_LANG',
  optNoColor: 'không tô màu (mặc định chỉ tô màu khi in ra màn hình; NO_COLOR cũng tắt màu)',
  optDebug: 'khi có lỗi không mong đợi, in chi tiết kỹ thuật (stack trace) để báo lỗi',
  optHelp: 'xem hướng dẫn',
  optVersion: 'xem phiên bản',
  helpCommand: 'xem hướng dẫn của một lệnh',
  examples: 'Ví dụ:',
  validateDescription: 'Kiểm tra bộ tiêu chí (tệp YAML): mã, điểm tối đa, tổng điểm, cách chấm… Báo mọi lỗi kèm vị trí dòng:cột.',
  validateFiles: 'các tệp bộ tiêu chí (.yaml); được dùng dấu * như criteria/*.yaml',
  optFormat: 'định dạng kết quả: stylish (mặc định, để đọc), json, github (chú thích GitHub Actions), junit (XML cho CI)',
  optMaxWarnings: 'báo thất bại (mã thoát 1) khi số cảnh báo vượt quá N',
  validateExamples: <[string, string][]>[
    ['parscore validate criteria/so-nganh-mau.yaml', 'kiểm tra một bộ tiêu chí'],
    ['parscore validate criteria/*.yaml --format github', 'kiểm tra trong GitHub Actions'],
    ['parscore validate bo-tieu-chi.yaml --format junit > ket-qua.xml', 'kết quả JUnit cho máy chủ CI'],
    ['parscore validate bo-tieu-chi.yaml --lang en', 'thông báo bằng tiếng Anh'],
  ],
  exitCodes: 'Mã thoát: 0 hợp lệ; 1 có lỗi (hoặc quá nhiều cảnh báo); 2 dùng sai lệnh hoặc không đọc được tệp.',
  schemaDescription: 'In JSON Schema của định dạng bộ tiêu chí, để VS Code gợi ý và báo lỗi khi soạn tệp YAML.',
  optOutput: 'ghi ra tệp thay vì in ra màn hình',
  schemaExamples: <[string, string][]>[
    ['parscore schema > criteria/criteria.schema.json', 'cập nhật tệp schema'],
    ['parscore schema -o schema.json', 'ghi ra tệp schema.json'],
  ],
  schemaUsage: 'Đầu tệp YAML ghi: # yaml-language-server: $schema=./criteria.schema.json',
  noFiles: 'Không có tệp nào khớp với',
  usageError: (detail: string) => `Lệnh không đúng: ${detail}`,
  seeHelp: (cmd: string) => `Xem hướng dẫn: ${cmd} --help`,
  unknownCommand: (name: string) => `không có lệnh "${name}"`,
  unknownOption: (name: string) => `không có tùy chọn "${name}"`,
  missingArgument: (name: string) => `thiếu tham số ${name}`,
  optionMissingArgument: (name: string) => `tùy chọn ${name} cần một giá trị`,
  excessArguments: () => 'thừa tham số',
  invalidChoice: (value: string, choices: string) => `giá trị "${value}" không hợp lệ; dùng một trong: ${choices}`,
  invalidNumber: (value: string) => `"${value}" không phải số nguyên không âm`,
  invalidLang: (value: string) => `ngôn ngữ "${value}" không có; dùng vi hoặc en`,
  unexpected: 'Lỗi không mong đợi trong parscore. Hãy chạy lại với --debug và gửi kết quả cho người quản lý công cụ.',
  writeFailed: (file: string, reason: string) => `Không ghi được tệp "${file}": ${reason}`,
  written: (file: string) => `Đã ghi ${file}`,
  tooManyWarnings: (count: number, max: number) => `Có ${count} cảnh báo, vượt quá giới hạn --max-warnings ${max}.`,
};

export type Strings = typeof vi;

const en: Strings = {
  programDescription: "parscore — compute and report Vietnam's administrative-reform index (PAR INDEX) from files.",
  titles: {},
  optLang: 'display language: vi (default) or en; also set by PARSCORE_LANG',
  optNoColor: 'no colours (by default colour is used only on a terminal; NO_COLOR also turns it off)',
  optDebug: 'on an unexpected error, print technical details (stack trace) for a bug report',
  optHelp: 'display help',
  optVersion: 'display the version',
  helpCommand: 'display help for a command',
  examples: 'Examples:',
  validateDescription: 'Check criteria sets (YAML files): codes, maxima, sums, scoring rules… Every problem is reported with its line:column.',
  validateFiles: 'criteria set files (.yaml); patterns like criteria/*.yaml are allowed',
  optFormat: 'output format: stylish (default, for people), json, github (GitHub Actions annotations), junit (XML for CI)',
  optMaxWarnings: 'fail (exit code 1) when there are more than N warnings',
  validateExamples: [
    ['parscore validate criteria/so-nganh-mau.yaml', 'check one criteria set'],
    ['parscore validate criteria/*.yaml --format github', 'check in GitHub Actions'],
    ['parscore validate set.yaml --format junit > results.xml', 'JUnit results for a CI server'],
    ['parscore validate set.yaml --lang vi', 'messages in Vietnamese'],
  ],
  exitCodes: 'Exit codes: 0 valid; 1 errors found (or too many warnings); 2 usage error or unreadable file.',
  schemaDescription: 'Print the JSON Schema of the criteria format, so VS Code completes and checks YAML files as you type.',
  optOutput: 'write to a file instead of the terminal',
  schemaExamples: [
    ['parscore schema > criteria/criteria.schema.json', 'refresh the schema file'],
    ['parscore schema -o schema.json', 'write schema.json'],
  ],
  schemaUsage: 'Start each YAML file with: # yaml-language-server: $schema=./criteria.schema.json',
  noFiles: 'No file matches',
  usageError: (detail) => `Usage error: ${detail}`,
  seeHelp: (cmd) => `See: ${cmd} --help`,
  unknownCommand: (name) => `unknown command "${name}"`,
  unknownOption: (name) => `unknown option "${name}"`,
  missingArgument: (name) => `missing argument ${name}`,
  optionMissingArgument: (name) => `option ${name} needs a value`,
  excessArguments: () => 'too many arguments',
  invalidChoice: (value, choices) => `"${value}" is not valid; use one of: ${choices}`,
  invalidNumber: (value) => `"${value}" is not a whole number ≥ 0`,
  invalidLang: (value) => `no language "${value}"; use vi or en`,
  unexpected: 'Unexpected error in parscore. Run again with --debug and send the output to whoever maintains the tool.',
  writeFailed: (file, reason) => `Cannot write "${file}": ${reason}`,
  written: (file) => `Wrote ${file}`,
  tooManyWarnings: (count, max) => `${count} warnings, more than --max-warnings ${max}.`,
};

export function strings(lang: Lang): Strings {
  return lang === 'en' ? en : vi;
}

export function examplesText(s: Strings, rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([cmd]) => cmd.length));
  return `\n${s.examples}\n${rows.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`).join('\n')}\n`;
}
