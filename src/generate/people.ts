import { Dice, intArray, lit, textArray, type SqlExpr } from './sql-dice.ts';
import { familySlots, GIVEN_NAMES, HAMLETS, MIDDLE_NAMES, PHONE_PREFIXES, STREETS } from './vietnamese.ts';

/**
 * People and places as SQL expressions of a key: the same key always gives the same person, so a
 * citizen's name in `users` and the name an event or a form carries are computed, not joined.
 * Streams 1–19 of the dice are used here; other files take other numbers.
 */
export class People {
  constructor(private readonly dice: Dice) {}

  /** 0 = male, 1 = female. */
  sex(key: SqlExpr): SqlExpr {
    return this.dice.below(1, key, 2);
  }

  /** "Nguyễn Văn An", "Trần Thị Kim Yến". */
  fullName(key: SqlExpr): SqlExpr {
    const d = this.dice;
    const family = d.pick(textArray(familySlots()), 100, 2, key);
    const male = `${this.sex(key)} = 0`;
    const middle = `CASE WHEN ${male} THEN ${d.pick(textArray(MIDDLE_NAMES.male), MIDDLE_NAMES.male.length, 3, key)}
                         ELSE ${d.pick(textArray(MIDDLE_NAMES.female), MIDDLE_NAMES.female.length, 3, key)} END`;
    const given = `CASE WHEN ${male} THEN ${d.pick(textArray(GIVEN_NAMES.male), GIVEN_NAMES.male.length, 4, key)}
                        ELSE ${d.pick(textArray(GIVEN_NAMES.female), GIVEN_NAMES.female.length, 4, key)} END`;
    return `(${family} || ' ' || ${middle} || ' ' || ${given})`;
  }

  /** A mobile number, distinct for distinct keys (1 ≤ key < 10^7 × prefixes). */
  phone(key: SqlExpr): SqlExpr {
    const n = PHONE_PREFIXES.length;
    const k = `(${key})::bigint`;
    return `((${textArray(PHONE_PREFIXES)})[1 + ${k} % ${n}] || lpad((((${k} / ${n}) * 7919 + ${this.dice.seed}) % 10000000)::text, 7, '0'))`;
  }

  /** A 12-digit personal identification number: birth-province code, sex and century digit, year, serial. */
  idNumber(key: SqlExpr): SqlExpr {
    const d = this.dice;
    const province = d.pick(intArray([72, 80, 79, 70, 74]), 5, 5, key);
    const year = `(1950 + ${d.below(6, key, 56)})`;
    const centurySex = `(CASE WHEN ${year} >= 2000 THEN 2 ELSE 0 END + ${this.sex(key)})`;
    return `(lpad(${province}::text, 3, '0') || ${centurySex}::text || lpad((${year} % 100)::text, 2, '0') || lpad(${d.below(7, key, 1_000_000)}::text, 6, '0'))`;
  }

  /** "Số 45, đường Trần Hưng Đạo, khu phố 3, Phường Tân Ninh, tỉnh Tây Ninh" (a ward) or "… ấp Bình Hòa, Xã …". */
  address(key: SqlExpr, communeName: SqlExpr, provinceInAddress: string): SqlExpr {
    const d = this.dice;
    const streets = STREETS.map((s) => (/^(Quốc lộ|Đường tỉnh)/.test(s) ? s : `đường ${s}`));
    const street = d.pick(textArray(streets), streets.length, 8, key);
    const place = `CASE WHEN ${communeName} LIKE 'Phường%' THEN 'khu phố ' || (1 + ${d.below(9, key, 12)})::text
                        ELSE 'ấp ' || ${d.pick(textArray(HAMLETS), HAMLETS.length, 9, key)} END`;
    return `('Số ' || (1 + ${d.below(10, key, 480)})::text || ', ' || ${street} || ', ' || ${place} || ', ' || ${communeName} || ', ' || ${lit(provinceInAddress)})`;
  }
}
