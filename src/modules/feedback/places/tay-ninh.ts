/**
 * Where the demo province (Tây Ninh, code 80, 96 communes since 1 July 2025) lies.
 *
 * APPROXIMATE. The administrative-unit data we ship has names and codes but no geometry, and no
 * open boundary file of the 2025 communes was at hand. So each commune gets a believable centroid
 * (about ±2 km) placed from the seat of the former district(s) it was merged from (the conversion
 * table in assets/admin-units), and the province a coarse outline (about ±5 km) following the
 * Cambodian border, the Dầu Tiếng lake, Hồ Chí Minh City, Tiền Giang and Đồng Tháp. Good enough to
 * refuse a point in Cambodia or Sài Gòn and to put a pin in the right commune most of the time;
 * replace both with surveyed data (nearest centroid → point-in-polygon) before production.
 */
export type LatLng = readonly [lat: number, lng: number];

/** The province outline, clockwise from the north-west (Xa Mát), as [lat, lng]. */
export const TAY_NINH_OUTLINE: readonly LatLng[] = [
  [11.8, 105.95],
  [11.78, 106.3],
  [11.55, 106.45],
  [11.2, 106.42],
  [11.1, 106.5],
  [10.95, 106.48],
  [10.75, 106.55],
  [10.68, 106.75],
  [10.5, 106.82],
  [10.38, 106.7],
  [10.38, 106.4],
  [10.5, 105.95],
  [10.7, 105.55],
  [10.95, 105.45],
  [11.0, 105.85],
  // The Parrot's Beak (Mỏ Vẹt) of Svay Rieng, between the former Long An and Tây Ninh.
  [10.95, 106.05],
  [11.0, 106.08],
  [11.1, 106.08],
  [11.18, 105.95],
  [11.45, 105.82],
];

/** Approximate centroid of each commune, by commune code: [lat, lng]. */
export const TAY_NINH_CENTROIDS: Readonly<Record<string, LatLng>> = {
  // Former Tây Ninh city, Hòa Thành and the districts of the north.
  '25459': [11.3, 106.095], // Phường Tân Ninh
  '25480': [11.355, 106.115], // Phường Bình Minh
  '25567': [11.325, 106.15], // Phường Ninh Thạnh
  '25630': [11.275, 106.125], // Phường Long Hoa
  '25633': [11.25, 106.08], // Phường Thanh Điền
  '25645': [11.255, 106.15], // Phường Hòa Thành
  '25486': [11.545, 105.955], // Xã Tân Biên
  '25489': [11.7, 105.97], // Xã Tân Lập
  '25498': [11.58, 106.02], // Xã Thạnh Bình
  '25510': [11.47, 106.01], // Xã Trà Vong
  '25516': [11.56, 106.165], // Xã Tân Châu
  '25522': [11.67, 106.25], // Xã Tân Đông
  '25525': [11.62, 106.2], // Xã Tân Hội
  '25531': [11.58, 106.3], // Xã Tân Hòa
  '25534': [11.5, 106.22], // Xã Tân Thành
  '25549': [11.52, 106.12], // Xã Tân Phú
  '25552': [11.375, 106.235], // Xã Dương Minh Châu
  '25573': [11.33, 106.26], // Xã Cầu Khởi
  '25579': [11.3, 106.2], // Xã Lộc Ninh
  '25666': [11.25, 106.29], // Xã Truông Mít
  '25585': [11.31, 106.03], // Xã Châu Thành
  '25588': [11.4, 106.02], // Xã Hảo Đước
  '25591': [11.43, 105.93], // Xã Phước Vinh
  '25606': [11.28, 105.92], // Xã Hòa Hội
  '25621': [11.2, 105.99], // Xã Ninh Điền
  // Former Gò Dầu, Bến Cầu and Trảng Bàng.
  '25654': [11.09, 106.26], // Phường Gò Dầu
  '25657': [11.16, 106.22], // Xã Thạnh Đức
  '25663': [11.14, 106.3], // Xã Phước Thạnh
  '25672': [11.06, 106.305], // Phường Gia Lộc
  '25681': [11.11, 106.16], // Xã Bến Cầu
  '25684': [11.17, 106.08], // Xã Long Chữ
  '25702': [11.04, 106.13], // Xã Long Thuận
  '25708': [11.03, 106.36], // Phường Trảng Bàng
  '25711': [11.07, 106.44], // Xã Hưng Thuận
  '25729': [10.98, 106.22], // Xã Phước Chỉ
  '25732': [10.995, 106.32], // Phường An Tịnh
  // Former Long An: Tân An city and the districts of the Đồng Tháp Mười plain.
  '27694': [10.575, 106.395], // Phường Long An
  '27712': [10.535, 106.41], // Phường Tân An
  '27715': [10.51, 106.37], // Phường Khánh Hậu
  '27721': [10.83, 105.665], // Xã Tân Hưng
  '27727': [10.88, 105.56], // Xã Hưng Điền
  '27736': [10.78, 105.62], // Xã Vĩnh Thạnh
  '27748': [10.79, 105.71], // Xã Vĩnh Châu
  '27757': [10.88, 105.77], // Xã Vĩnh Hưng
  '27763': [10.95, 105.72], // Xã Khánh Hưng
  '27775': [10.86, 105.85], // Xã Tuyên Bình
  '27787': [10.775, 105.925], // Phường Kiến Tường
  '27793': [10.83, 105.97], // Xã Bình Hiệp
  '27811': [10.8, 106.08], // Xã Bình Hòa
  '27817': [10.73, 105.9], // Xã Tuyên Thạnh
  '27823': [10.76, 106.04], // Xã Mộc Hóa
  '27826': [10.61, 105.955], // Xã Tân Thạnh
  '27838': [10.63, 106.03], // Xã Nhơn Hòa Lập
  '27841': [10.68, 105.98], // Xã Hậu Thạnh
  '27856': [10.56, 105.9], // Xã Nhơn Ninh
  '27865': [10.66, 106.17], // Xã Thạnh Hóa
  '27868': [10.78, 106.2], // Xã Bình Thành
  '27877': [10.7, 106.12], // Xã Thạnh Phước
  '27889': [10.62, 106.22], // Xã Tân Tây
  '27898': [10.87, 106.27], // Xã Đông Thành
  '27907': [10.82, 106.22], // Xã Mỹ Quý
  '27925': [10.93, 106.18], // Xã Đức Huệ
  // Former Đức Hòa, Bến Lức, Thủ Thừa, Tân Trụ, Cần Đước, Cần Giuộc and Châu Thành (Long An).
  '27931': [10.89, 106.395], // Xã Hậu Nghĩa
  '27937': [10.86, 106.425], // Xã Đức Hòa
  '27943': [10.93, 106.36], // Xã An Ninh
  '27952': [10.95, 106.33], // Xã Hiệp Hòa
  '27964': [10.82, 106.38], // Xã Đức Lập
  '27976': [10.86, 106.49], // Xã Mỹ Hạnh
  '27979': [10.82, 106.33], // Xã Hòa Khánh
  '27991': [10.64, 106.49], // Xã Bến Lức
  '27994': [10.7, 106.35], // Xã Thạnh Lợi
  '28003': [10.7, 106.47], // Xã Lương Hòa
  '28015': [10.66, 106.55], // Xã Bình Đức
  '28018': [10.6, 106.54], // Xã Mỹ Yên
  '28036': [10.605, 106.405], // Xã Thủ Thừa
  '28051': [10.65, 106.32], // Xã Mỹ Thạnh
  '28066': [10.58, 106.33], // Xã Mỹ An
  '28072': [10.7, 106.27], // Xã Tân Long
  '28075': [10.515, 106.505], // Xã Tân Trụ
  '28087': [10.55, 106.47], // Xã Nhựt Tảo
  '28093': [10.48, 106.57], // Xã Vàm Cỏ
  '28108': [10.51, 106.605], // Xã Cần Đước
  '28114': [10.585, 106.59], // Xã Rạch Kiến
  '28126': [10.55, 106.63], // Xã Long Cang
  '28132': [10.56, 106.545], // Xã Mỹ Lệ
  '28138': [10.495, 106.655], // Xã Tân Lân
  '28144': [10.44, 106.7], // Xã Long Hựu
  '28159': [10.61, 106.67], // Xã Cần Giuộc
  '28165': [10.655, 106.69], // Xã Phước Lý
  '28177': [10.64, 106.625], // Xã Mỹ Lộc
  '28201': [10.56, 106.72], // Xã Phước Vĩnh Tây
  '28207': [10.52, 106.77], // Xã Tân Tập
  '28210': [10.46, 106.475], // Xã Tầm Vu
  '28222': [10.5, 106.465], // Xã Vĩnh Công
  '28225': [10.43, 106.54], // Xã Thuận Mỹ
  '28243': [10.47, 106.4], // Xã An Lục Long
};
