/**
 * Decision 766/QĐ-TTg (23 June 2022): the 100-point index of service quality by which every
 * agency and province is ranked — five groups (`/work/shared/domain/kpis.md`):
 *
 * | group | points |
 * |---|---|
 * | 1 Công khai, minh bạch | 18 |
 * | 2 Tiến độ giải quyết | 20 |
 * | 3 Số hóa hồ sơ | 22 |
 * | 4 Cung cấp dịch vụ trực tuyến | 22 |
 * | 5 Mức độ hài lòng | 18 |
 *
 * Each indicator is a share in [0, 1] scored as `points = max × share` (rounded to 0.01). The
 * group totals are the decision's; how a group's points split between its indicators, and the
 * annex's banding of each share, are "cần xác nhận" (to be checked against the annex) — change
 * `max` here when confirmed. An indicator is `measured` (computed from this platform's data) or
 * `manual` (entered by hand: the platform does not hold the data). An indicator with nothing to
 * divide (no dossier done in the period…) has `share: null` and scores no points; `assessedMax`
 * says how many points were assessed, so a unit is never ranked on points it could not earn.
 */
export type Share = number | null;
export type Source = 'measured' | 'manual';
export type GroupCode = 'transparency' | 'timeliness' | 'digitisation' | 'online' | 'satisfaction';

export type Indicator = { code: string; name: string; max: number; source: Source; formula: string; share: Share; points: number | null };
export type GroupScore = { group: GroupCode; name: string; max: number; points: number; assessedMax: number; indicators: Indicator[] };
export type IndexScore = { total: number; assessedMax: number; max: 100; groups: GroupScore[] };

/** What the index is computed from, for one unit (agency or province) and one period. */
export type IndexInputs = {
  /** The unit's procedure catalogue: active procedures, those with complete published data, those offered toàn trình. */
  procedures: { total: number; complete: number; toanTrinh: number };
  /** Dossiers of the period (rollups: filed in it, done in it, paid in it). */
  dossiers: {
    received: number; online: number; digitised: number; done: number; doneEarly: number; doneOnTime: number;
    doneLate: number; lateApologised: number; doneEResult: number; paid: number; paidOnline: number;
  };
  /** Feedback about procedures filed in the period: handled (not rejected/merged/transferred), rated ≤ 2, answered late or open past due. */
  feedback: { total: number; unsatisfied: number; overdue: number };
  /** Citizens' ratings of dossiers (satisfied = 4 or 5 of 5), or null where they are not collected. */
  ratings: { rated: number; satisfied: number } | null;
  /** Reuse of digitised data: dossiers received with papers recorded, and those reusing a paper of the citizen's store; absent or null where not recorded. */
  reuse?: { digitised: number; reused: number } | null;
  /** Shares entered by hand for the `manual` indicators, by indicator code. */
  manual?: Partial<Record<string, number>>;
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** part / whole, or null when there is nothing to divide. */
export const ratio = (part: number, whole: number): Share => (whole > 0 ? round(clamp01(part / whole), 6) : null);

export const pointsFor = (share: Share, max: number): number | null => (share === null ? null : round(max * clamp01(share), 2));

/**
 * Satisfaction with feedback handling (kpis.md): (total − unsatisfied − overdue) / total, where
 * unsatisfied = rated 1–2 of 5 and overdue = answered after the due date or still open past it.
 * A report both unsatisfied and overdue is taken away twice, as the formula reads; never below 0.
 */
export const feedbackSatisfaction766 = (f: IndexInputs['feedback']): Share => ratio(f.total - f.unsatisfied - f.overdue, f.total);

const indicator = (code: string, name: string, max: number, source: Source, formula: string, share: Share): Indicator => ({
  code, name, max, source, formula, share, points: pointsFor(share, max),
});

const manualShare = (i: IndexInputs, code: string): Share => {
  const v = i.manual?.[code];
  return v === undefined ? null : clamp01(v);
};

const group = (code: GroupCode, name: string, max: number, indicators: Indicator[]): GroupScore => ({
  group: code,
  name,
  max,
  points: round(indicators.reduce((s, x) => s + (x.points ?? 0), 0), 2),
  assessedMax: indicators.reduce((s, x) => s + (x.share === null ? 0 : x.max), 0),
  indicators,
});

/** Group 1, công khai, minh bạch (18): published procedures, portal sync, public progress. */
export const transparencyGroup = (i: IndexInputs): GroupScore =>
  group('transparency', 'Công khai, minh bạch', 18, [
    indicator('1.1', 'Thủ tục hành chính được công khai đầy đủ dữ liệu', 6, 'measured', 'thủ tục có đủ thời hạn, giấy tờ, căn cứ pháp lý / thủ tục đang áp dụng', ratio(i.procedures.complete, i.procedures.total)),
    indicator('1.2', 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia', 6, 'manual', 'theo số liệu đối soát của Cổng Dịch vụ công quốc gia', manualShare(i, '1.2')),
    indicator('1.3', 'Hồ sơ được công khai tiến độ (tra cứu bằng mã hồ sơ)', 6, 'measured', 'hồ sơ có mã tra cứu công khai / hồ sơ tiếp nhận (mọi hồ sơ đã nộp đều có mã)', i.dossiers.received > 0 ? 1 : null),
  ]);

/** Group 2, tiến độ giải quyết (20): done early or on time; late ones with an apology letter. */
export const timelinessGroup = (i: IndexInputs): GroupScore => {
  const d = i.dossiers;
  const apologised = d.done === 0 ? null : d.doneLate === 0 ? 1 : ratio(d.lateApologised, d.doneLate);
  return group('timeliness', 'Tiến độ giải quyết', 20, [
    indicator('2.1', 'Hồ sơ giải quyết trước hạn và đúng hạn', 14, 'measured', '(trước hạn + đúng hạn) / hồ sơ đã giải quyết', ratio(d.doneEarly + d.doneOnTime, d.done)),
    indicator('2.2', 'Hồ sơ trễ hạn có văn bản xin lỗi', 6, 'measured', 'hồ sơ trễ hạn có thư xin lỗi / hồ sơ trễ hạn (không có hồ sơ trễ: đạt tối đa)', apologised),
  ]);
};

/** Group 3, số hóa hồ sơ (22): digitised inputs, electronic results, reuse of digitised data. */
export const digitisationGroup = (i: IndexInputs): GroupScore =>
  group('digitisation', 'Số hóa hồ sơ', 22, [
    indicator('3.1', 'Hồ sơ có thành phần được số hóa khi tiếp nhận', 8, 'measured', 'hồ sơ có giấy tờ điện tử / hồ sơ tiếp nhận', ratio(i.dossiers.digitised, i.dossiers.received)),
    indicator('3.2', 'Kết quả giải quyết được cấp bản điện tử', 8, 'measured', 'hồ sơ có tệp kết quả điện tử / hồ sơ đã giải quyết', ratio(i.dossiers.doneEResult, i.dossiers.done)),
    i.reuse
      ? indicator('3.3', 'Khai thác, sử dụng lại dữ liệu đã số hóa', 6, 'measured', 'hồ sơ dùng lại giấy tờ trong kho dữ liệu của công dân / hồ sơ có giấy tờ số hóa khi tiếp nhận', ratio(i.reuse.reused, i.reuse.digitised))
      : indicator('3.3', 'Khai thác, sử dụng lại dữ liệu đã số hóa', 6, 'manual', 'theo báo cáo của đơn vị (kho dữ liệu công dân chưa kết nối)', manualShare(i, '3.3')),
  ]);

/** Group 4, cung cấp dịch vụ trực tuyến (22): toàn trình procedures, online filing, online payment. */
export const onlineServiceGroup = (i: IndexInputs): GroupScore =>
  group('online', 'Cung cấp dịch vụ trực tuyến', 22, [
    indicator('4.1', 'Thủ tục cung cấp dịch vụ công trực tuyến toàn trình', 8, 'measured', 'thủ tục toàn trình / thủ tục đang áp dụng', ratio(i.procedures.toanTrinh, i.procedures.total)),
    indicator('4.2', 'Hồ sơ nộp trực tuyến', 8, 'measured', 'hồ sơ nộp trực tuyến (cổng tỉnh, Cổng quốc gia) / hồ sơ tiếp nhận', ratio(i.dossiers.online, i.dossiers.received)),
    indicator('4.3', 'Thanh toán phí, lệ phí trực tuyến', 6, 'measured', 'hồ sơ nộp phí trực tuyến / hồ sơ có nộp phí', ratio(i.dossiers.paidOnline, i.dossiers.paid)),
  ]);

/** Group 5, mức độ hài lòng (18): feedback handling (766 formula) and dossier ratings. */
export const satisfactionGroup = (i: IndexInputs): GroupScore =>
  group('satisfaction', 'Mức độ hài lòng', 18, [
    indicator('5.1', 'Hài lòng về xử lý phản ánh, kiến nghị về thủ tục hành chính', 9, 'measured', '(tổng số − không hài lòng − quá hạn) / tổng số', feedbackSatisfaction766(i.feedback)),
    i.ratings
      ? indicator('5.2', 'Hài lòng về tiếp nhận, giải quyết hồ sơ', 9, 'measured', 'đánh giá 4–5 sao / hồ sơ được đánh giá', ratio(i.ratings.satisfied, i.ratings.rated))
      : indicator('5.2', 'Hài lòng về tiếp nhận, giải quyết hồ sơ', 9, 'manual', 'theo kết quả khảo sát của đơn vị', manualShare(i, '5.2')),
  ]);

/** The whole index: the five groups and their total (of 100). */
export const serviceIndex766 = (i: IndexInputs): IndexScore => {
  const groups = [transparencyGroup(i), timelinessGroup(i), digitisationGroup(i), onlineServiceGroup(i), satisfactionGroup(i)];
  return {
    total: round(groups.reduce((s, g) => s + g.points, 0), 2),
    assessedMax: groups.reduce((s, g) => s + g.assessedMax, 0),
    max: 100,
    groups,
  };
};
